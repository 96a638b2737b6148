import type { IndexedRecord } from "./journal-index.js";

/** A sealed record waiting to be written: its line (with `\n`), its hash and what it changes in the index. */
export interface PendingRecord {
  readonly line: Buffer;
  readonly hash: string;
  readonly indexed: IndexedRecord;
}

interface Waiting {
  readonly records: readonly PendingRecord[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: every submission waits for its records to be durable; submissions that arrive while a write
 * and its fsync are in flight are written together next, sharing one fsync. After a failed write every
 * waiting and later submission fails with the same error: the file's tail is unknown until it is reopened.
 */
export class GroupCommit {
  private queue: Waiting[] = [];
  private running: Promise<void> | null = null;
  private failure: { readonly error: unknown } | null = null;
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly writeDurably: (records: readonly PendingRecord[]) => Promise<void>) {}

  submit(records: readonly PendingRecord[]): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure.error);
    const committed = new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (this.running === null) this.running = this.run();
    });
    this.last = committed.catch(() => undefined);
    return committed;
  }

  /** Resolves once everything submitted so far is durable (or failed); later submissions are not waited for. */
  settled(): Promise<void> {
    return this.last;
  }

  /** Resolves once everything submitted so far has been written (or has failed). */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  private async run(): Promise<void> {
    // Lets every writer that is already runnable (e.g. woken by the previous commit) join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.writeDurably(batch.flatMap((waiting) => waiting.records));
      } catch (error) {
        this.failure = { error };
        for (const waiting of [...batch, ...this.queue]) waiting.reject(error);
        this.queue = [];
        break;
      }
      for (const waiting of batch) waiting.resolve();
    }
    this.running = null;
  }
}
