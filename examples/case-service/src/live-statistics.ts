import { createHash, type Hash } from "node:crypto";
import { domainRegistry } from "@insieme/domain";
import type { EventStore, Subscription } from "@insieme/kernel";
import { canonicalJson, StatisticsReplay, type StatisticsStates } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";

/** What the live statistics have applied so far. */
export interface LiveSnapshot {
  readonly states: StatisticsStates;
  readonly lastPosition: number | null;
  readonly events: number;
  /** SHA-256 over the canonical JSON of every applied event, one per line (as `replayStore` computes it). */
  readonly eventsHash: string;
}

export type RecordedListener = (position: number) => void;

/**
 * Keeps every statistic's projection up to date by following the store: one pass over the history at start,
 * then each new event once. Listeners hear about new events at most once per turn of the event loop, after the
 * events are applied, so a client that refetches the report on a notification sees them.
 */
export class LiveStatistics {
  private readonly replay = new StatisticsReplay();
  private readonly hash: Hash = createHash("sha256");
  private readonly listeners = new Set<RecordedListener>();
  private readonly positionWaiters: { position: number; resolve: () => void }[] = [];
  private subscription: Subscription | null = null;
  private notifyScheduled = false;
  private failure: Error | null = null;
  private following: Promise<void> | null = null;

  constructor(private readonly store: EventStore) {}

  /** Starts following; resolves once the history has been applied. */
  async start(): Promise<void> {
    const subscription = this.store.subscribe({ after: null });
    this.subscription = subscription;
    let caughtUp: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    this.following = (async () => {
      try {
        for await (const message of subscription) {
          if (message.kind === "caughtUp") {
            caughtUp();
            continue;
          }
          const stored = message.event;
          this.hash.update(canonicalJson(stored));
          this.hash.update("\n");
          const decoded = domainRegistry.decodeRecorded(stored);
          if (E.isLeft(decoded)) throw new Error(`cannot apply the store's events: ${decoded.left.message}`);
          this.replay.apply(decoded.right);
          this.settle(stored.position);
        }
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
        for (const waiter of this.positionWaiters.splice(0)) waiter.resolve();
      } finally {
        caughtUp();
      }
    })();
    await ready;
    if (this.failure !== null) throw this.failure;
  }

  /**
   * Resolves true once every event up to the store's current head has been applied, or false when that takes
   * longer than `timeoutMs` (the caller answers "try again" rather than hanging).
   */
  async upToDate(timeoutMs = 10_000): Promise<boolean> {
    const head = await this.store.headPosition();
    if (head === null) return true;
    let timer: NodeJS.Timeout | undefined;
    const reached = await new Promise<boolean>((resolve) => {
      if (this.failure !== null || (this.replay.lastPosition ?? -1) >= head) {
        resolve(true);
        return;
      }
      const waiter = { position: head, resolve: () => resolve(true) };
      this.positionWaiters.push(waiter);
      timer = setTimeout(() => {
        const index = this.positionWaiters.indexOf(waiter);
        if (index >= 0) this.positionWaiters.splice(index, 1);
        resolve(false);
      }, timeoutMs);
    });
    clearTimeout(timer);
    if (this.failure !== null) throw this.failure;
    return reached;
  }

  snapshot(): LiveSnapshot {
    if (this.failure !== null) throw this.failure;
    return {
      states: this.replay.snapshot(),
      lastPosition: this.replay.lastPosition,
      events: this.replay.eventsApplied,
      eventsHash: this.hash.copy().digest("hex"),
    };
  }

  onRecorded(listener: RecordedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    this.listeners.clear();
  }

  private settle(position: number): void {
    for (let i = this.positionWaiters.length - 1; i >= 0; i--) {
      const waiter = this.positionWaiters[i];
      if (waiter !== undefined && waiter.position <= position) {
        this.positionWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      const last = this.replay.lastPosition;
      if (last === null) return;
      for (const listener of this.listeners) listener(last);
    });
  }
}
