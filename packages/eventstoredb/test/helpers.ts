import type { NewEvent } from "@insieme/kernel";
import { isLeft } from "fp-ts/lib/Either.js";
import { connectEventStoreDb, type EventStoreDbEventStore, type EventStoreDbOptions } from "../src/index.js";

let counter = 0;

/** A new event with a fresh deterministic id; `overrides` replace any field. */
export const newEvent = (type: string, data: unknown = {}, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `evt-${String(++counter).padStart(6, "0")}`,
  type,
  version: 1,
  data,
  occurredAt: "2026-01-15T09:00:00.000Z",
  correlationId: null,
  causationId: null,
  actor: { id: "operator-1", role: "operator" },
  ...overrides,
});

export const connect = async (
  connectionString: string,
  options: EventStoreDbOptions = {},
): Promise<EventStoreDbEventStore> => {
  const connected = await connectEventStoreDb(connectionString, { operationTimeoutMs: 5_000, ...options });
  if (isLeft(connected)) throw new Error(connected.left.message);
  return connected.right;
};

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};
