import type { EventStore, NewEvent, RecordedEvent } from "@insieme/kernel";

let counter = 0;

/** A valid new event for contract tests; ids are unique within the process. */
export const newEvent = (
  type = "ThingHappened",
  data: unknown = { n: 1 },
  occurredAt = "2017-05-02T09:00:00.000Z",
): NewEvent => {
  counter += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    type,
    version: 1,
    data,
    occurredAt,
    correlationId: `corr-${counter}`,
    causationId: `cause-${counter}`,
    actor: { id: "operator-1", role: "operator" },
  };
};

export const newEvents = (count: number, type = "ThingHappened"): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: i }));

/** A stream id no other test uses (stores may be shared between cases by a factory). */
export const uniqueStream = (category = "contract"): string => {
  counter += 1;
  return `${category}-${process.pid}-${counter}-${Math.floor(Math.random() * 1e9)}`;
};

export const collect = async <T>(
  iterable: AsyncIterable<T>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
};

export const readStreamAll = (store: EventStore, streamId: string): Promise<RecordedEvent[]> =>
  collect(store.readStream(streamId));

/** Events of the given streams in global order, as readAll returns them. */
export const readAllOf = async (
  store: EventStore,
  streams: ReadonlySet<string>,
): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const event of store.readAll()) if (streams.has(event.streamId)) out.push(event);
  return out;
};
