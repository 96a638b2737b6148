import type { Actor, NewEvent, RecordedEvent } from "@insieme/kernel";

/** The columns of an event row, in the order `toRecordedEvent` reads them. */
export const EVENT_COLUMNS =
  "position, stream_id, revision, event_id, type, version, data, occurred_at, recorded_at, correlation_id, causation_id, actor";

export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly correlation_id: string | null;
  readonly causation_id: string | null;
  readonly actor: Actor;
}

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  type: row.type,
  version: row.version,
  data: row.data,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  actor: row.actor,
});

/**
 * New events as parallel arrays, one per column, for the `append` function. Data and actor travel as JSON text
 * and are stored as `json` (not `jsonb`), so they read back exactly as written, key order included.
 */
export const eventColumns = (events: readonly NewEvent[]) => ({
  ids: events.map((e) => e.eventId),
  types: events.map((e) => e.type),
  versions: events.map((e) => e.version),
  data: events.map((e) => JSON.stringify(e.data)),
  occurred: events.map((e) => e.occurredAt),
  correlations: events.map((e) => e.correlationId),
  causations: events.map((e) => e.causationId),
  actors: events.map((e) => JSON.stringify(e.actor)),
});
