import type { RecordedEvent } from "./envelope.js";
import type { EventStore, ReadStreamOptions } from "./event-store.js";

/** How many events a batch holds at most, for stores that batch their stream reads through this module. */
export const STREAM_BATCH_EVENTS = 1024;

/** Groups an iterable of events into arrays of at most `size` events (the last one may be shorter). */
export async function* batchesOf(
  events: AsyncIterable<RecordedEvent>,
  size: number = STREAM_BATCH_EVENTS,
): AsyncIterable<readonly RecordedEvent[]> {
  let batch: RecordedEvent[] = [];
  for await (const event of events) {
    batch.push(event);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Reads a stream in batches: the store's own `readStreamBatches` when it has one (no promise per event),
 * otherwise its `readStream` grouped into arrays. The one way the kernel and the packages above it read a stream
 * whole (loading a decider's state, replaying by stream).
 */
export const readStreamBatches = (
  store: EventStore,
  streamId: string,
  options?: ReadStreamOptions,
): AsyncIterable<readonly RecordedEvent[]> =>
  store.readStreamBatches !== undefined
    ? store.readStreamBatches(streamId, options)
    : batchesOf(store.readStream(streamId, options));
