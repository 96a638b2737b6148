import type { RecordedEvent } from "./envelope.js";
import {
  type EventFilter,
  matchesFilter,
  type Subscription,
  type SubscriptionMessage,
} from "./event-store.js";

export interface CatchUpSource {
  /** Events strictly after `after`, in global order. */
  readAll(after: number | null): AsyncIterable<RecordedEvent>;
  /** Resolves when an event after `after` may exist, or when `signal` aborts. */
  waitForAppend(after: number | null, signal: AbortSignal): Promise<void>;
}

/**
 * A catch-up subscription for stores that can read their log and signal appends (memory, journal):
 * reads history from the checkpoint, says `caughtUp` once, then reads again whenever something is appended.
 */
export const catchUpSubscription = (
  source: CatchUpSource,
  after: number | null,
  filter: EventFilter | undefined,
): Subscription => {
  const stop = new AbortController();
  async function* run(): AsyncGenerator<SubscriptionMessage> {
    let last = after;
    let caughtUp = false;
    while (!stop.signal.aborted) {
      for await (const event of source.readAll(last)) {
        if (stop.signal.aborted) return;
        last = event.position;
        if (matchesFilter(filter, event.streamId, event.type)) yield { kind: "event", event };
      }
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: "caughtUp", position: last };
      }
      await source.waitForAppend(last, stop.signal);
    }
  }
  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      stop.abort();
    },
  };
};
