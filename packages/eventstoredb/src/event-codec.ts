import type { NewEvent, RecordedEvent } from "@insieme/kernel";
import { z } from "zod";
import { EventStoreDbError } from "./errors.js";
import { eventStoreDbEventId } from "./event-id.js";
import type { ProposedEvent, StoredEvent } from "./gateway.js";

/**
 * The kernel envelope as EventStoreDB event metadata. `$correlationId` and `$causationId` are EventStoreDB's own
 * keys (its `$by_correlation_id` projection reads them); `recordedAt` is present only on imported events, whose
 * original store time must survive the move.
 */
const envelopeMetadata = z.object({
  eventId: z.string().min(1),
  schemaVersion: z.number().int().nonnegative(),
  occurredAt: z.string().min(1),
  actor: z.object({ id: z.string(), role: z.string() }),
  $correlationId: z.string().optional(),
  $causationId: z.string().optional(),
  recordedAt: z.string().min(1).optional(),
});

export const encodeEvent = (event: NewEvent, recordedAt?: string): ProposedEvent => {
  const metadata: Record<string, unknown> = {
    eventId: event.eventId,
    schemaVersion: event.version,
    occurredAt: event.occurredAt,
    actor: { id: event.actor.id, role: event.actor.role },
  };
  if (event.correlationId !== null) metadata.$correlationId = event.correlationId;
  if (event.causationId !== null) metadata.$causationId = event.causationId;
  if (recordedAt !== undefined) metadata.recordedAt = recordedAt;
  return { id: eventStoreDbEventId(event.eventId), type: event.type, data: event.data, metadata };
};

/** Turns a stored Insieme event back into the kernel's form; anything else is a clear infrastructure fault. */
export const decodeEvent = (stored: StoredEvent): RecordedEvent => {
  const where = `'${stored.streamId}'@${stored.revision}`;
  if (stored.position === null) {
    throw new EventStoreDbError(
      "server-error",
      `read ${where}`,
      "the server did not report the event's $all position (EventStoreDB 22.6 or later is required)",
    );
  }
  if (stored.data instanceof Uint8Array) {
    throw new EventStoreDbError(
      "invalid-event",
      `read ${where}`,
      `event of type '${stored.type}' is not JSON`,
    );
  }
  const parsed = envelopeMetadata.safeParse(stored.metadata);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue === undefined || issue.path.length === 0 ? "metadata" : `metadata.${issue.path.join(".")}`;
    throw new EventStoreDbError(
      "invalid-event",
      `read ${where}`,
      `event of type '${stored.type}' has no Insieme envelope (${field}: ${issue?.message ?? "invalid"})`,
    );
  }
  const meta = parsed.data;
  return {
    eventId: meta.eventId,
    streamId: stored.streamId,
    revision: stored.revision,
    position: stored.position,
    type: stored.type,
    version: meta.schemaVersion,
    data: stored.data,
    occurredAt: meta.occurredAt,
    recordedAt: meta.recordedAt ?? stored.created.toISOString(),
    correlationId: meta.$correlationId ?? null,
    causationId: meta.$causationId ?? null,
    actor: meta.actor,
  };
};
