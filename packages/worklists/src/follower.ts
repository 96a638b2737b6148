import type { EventStore, RecordedEvent } from "@insieme/kernel";

/** Events applied per transaction at most. */
export const FOLLOW_BATCH = 500;
/** Events read ahead of the database at most (the reader waits beyond this: memory stays bounded). */
const READ_AHEAD = 4 * FOLLOW_BATCH;

export interface Following {
  stop(): Promise<void>;
  /** Settles when the following ends (after `stop`, or rejects when applying a batch failed). */
  readonly done: Promise<void>;
}

/**
 * Follows a store live and applies its events in batches: a reader takes events from a catch-up subscription
 * into a bounded queue while the writer applies whatever has queued (up to `FOLLOW_BATCH` events) in one
 * transaction. When appends are rare each batch is one event (no added delay); under load the batches grow with
 * the backlog, so the lists pay one commit per batch instead of one per event.
 */
export const followInBatches = (
  store: EventStore,
  after: number | null,
  apply: (events: readonly RecordedEvent[]) => Promise<void>,
): Following => {
  const subscription = store.subscribe({ after });
  const queue: RecordedEvent[] = [];
  let readerEnded = false;
  let wakeWriter: (() => void) | null = null;
  let wakeReader: (() => void) | null = null;
  const wake = (which: "writer" | "reader") => {
    const resolve = which === "writer" ? wakeWriter : wakeReader;
    if (which === "writer") wakeWriter = null;
    else wakeReader = null;
    resolve?.();
  };

  const reader = (async () => {
    try {
      for await (const message of subscription) {
        if (message.kind !== "event") continue;
        queue.push(message.event);
        wake("writer");
        while (queue.length >= READ_AHEAD && !readerEnded)
          await new Promise<void>((resolve) => {
            wakeReader = resolve;
          });
      }
    } finally {
      readerEnded = true;
      wake("writer");
    }
  })();

  const writer = (async () => {
    try {
      for (;;) {
        if (queue.length === 0) {
          if (readerEnded) return;
          await new Promise<void>((resolve) => {
            wakeWriter = resolve;
          });
          continue;
        }
        const batch = queue.splice(0, FOLLOW_BATCH);
        wake("reader");
        await apply(batch);
      }
    } catch (error) {
      readerEnded = true;
      wake("reader");
      await subscription.close();
      throw error;
    }
  })();

  const done = Promise.all([reader, writer]).then(() => undefined);
  return {
    stop: async () => {
      await subscription.close();
      await done;
    },
    done,
  };
};
