import type { Actor, NewEvent, RecordedEvent, StreamMetadata } from "@insieme/kernel";
import { compileSchemaCheck, formatZodError } from "@insieme/kernel";
import { z } from "zod";

/**
 * Record bodies as the writer serialises them. Member order is fixed here; readers never depend on it
 * (the hash covers the exact bytes, whatever their order).
 */

const newEventSchema = z.object({
  eventId: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  data: z.unknown().refine((value) => value !== undefined, "is required"),
  occurredAt: z.string().min(1),
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  actor: z.object({ id: z.string(), role: z.string() }),
});

const metadataSchema = z.record(z.string(), z.unknown());

const newEventCheck = compileSchemaCheck(newEventSchema);

/** Events handed to a store are checked before anything is written: a malformed one is a caller's bug. */
export const checkNewEvent = (event: NewEvent, where: () => string): void => {
  if (newEventCheck?.(event) === true) return;
  const parsed = newEventSchema.safeParse(event);
  if (!parsed.success) throw new TypeError(`${where()}: ${formatZodError(parsed.error)}`);
};

export const checkMetadata = (metadata: StreamMetadata, where: string): void => {
  const parsed = metadataSchema.safeParse(metadata);
  if (!parsed.success) throw new TypeError(`${where}: ${formatZodError(parsed.error, "metadata")}`);
};

export interface EventPlacement {
  readonly streamId: string;
  readonly position: number;
  readonly revision: number;
  readonly recordedAt: string;
}

const actorOf = (actor: Actor): Actor => ({ id: actor.id, role: actor.role });

export const eventBody = (event: NewEvent, at: EventPlacement): string =>
  JSON.stringify({
    kind: "event",
    position: at.position,
    streamId: at.streamId,
    revision: at.revision,
    eventId: event.eventId,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt,
    recordedAt: at.recordedAt,
    correlationId: event.correlationId,
    causationId: event.causationId,
    actor: actorOf(event.actor),
    data: event.data,
  });

export const metadataBody = (
  streamId: string,
  position: number,
  recordedAt: string,
  metadata: StreamMetadata,
): string => JSON.stringify({ kind: "metadata", position, streamId, recordedAt, metadata });

export const tombstoneBody = (
  streamId: string,
  position: number,
  recordedAt: string,
  revision: number | null,
): string => JSON.stringify({ kind: "tombstone", position, streamId, revision, recordedAt });

/** The members of an event record line, as JSON.parse returns them. */
export interface EventRecordJson {
  readonly kind: "event";
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly version: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly actor: Actor;
  readonly data: unknown;
}

/** The event envelope of a record the index has already validated (no `kind`, no `hash`). */
export const recordedEventOf = (record: EventRecordJson): RecordedEvent => ({
  eventId: record.eventId,
  streamId: record.streamId,
  revision: record.revision,
  position: record.position,
  type: record.type,
  version: record.version,
  data: record.data,
  occurredAt: record.occurredAt,
  recordedAt: record.recordedAt,
  correlationId: record.correlationId,
  causationId: record.causationId,
  actor: record.actor,
});
