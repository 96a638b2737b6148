import { AppendSignal } from "@insieme/kernel";
import type pg from "pg";
import { createClient } from "./connection.js";

/**
 * Wakes a store's live subscriptions: on this process's own appends, on PostgreSQL notifications of other
 * writers' appends (LISTEN on the store's channel, one connection per store, opened on first use), and, should a
 * notification be lost while that connection is down, after a polling interval at the latest.
 */
export class AppendListener {
  private readonly signal = new AppendSignal();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly pollIntervalMs: number,
  ) {}

  /** After this process appended. */
  notify(): void {
    this.signal.notify();
  }

  /** Makes sure notifications are being listened to; a failure leaves the polling interval to wake readers. */
  async listen(): Promise<void> {
    if (this.closed || this.client !== null) return;
    if (this.connecting !== null) return this.connecting;
    this.connecting = (async () => {
      const client = createClient(this.url);
      client.on("notification", () => this.signal.notify());
      client.on("error", () => this.drop(client));
      client.on("end", () => this.drop(client));
      try {
        await client.connect();
        await client.query(`LISTEN "${this.channel}"`);
        if (this.closed) await client.end();
        else this.client = client;
      } catch {
        await client.end().catch(() => {});
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  /**
   * Resolves on the next append, after the polling interval, or when `signal` aborts. The waiter is registered
   * before this returns, so an append announced right after the call is not missed.
   */
  async wait(signal: AbortSignal): Promise<void> {
    void this.listen();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.pollIntervalMs);
    const both = AbortSignal.any([signal, timeout.signal]);
    try {
      await this.signal.wait(both);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.signal.notify();
    const client = this.client;
    this.client = null;
    await this.connecting;
    if (client !== null) await client.end().catch(() => {});
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = null;
    this.signal.notify();
  }
}
