import { z } from "zod";

const hashHex = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");
const position = z.number().int().nonnegative();
const revision = z.number().int().nonnegative();
const streamId = z.string().min(1);
const timestamp = z.string().min(1);

/** The first line of every journal. Only `kind`, `journal` and `format` are read before the format is known. */
export const headerRecordSchema = z.strictObject({
  kind: z.literal("header"),
  journal: z.string(),
  format: z.number().int().positive(),
  createdAt: timestamp,
  /** The fingerprint of the key the host pseudonymises with (never the key); absent in journals made without one. */
  keyFingerprint: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{8,200}$/)
    .optional(),
  hash: hashHex,
});

export const eventRecordSchema = z.strictObject({
  kind: z.literal("event"),
  position,
  streamId,
  revision,
  eventId: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: timestamp,
  recordedAt: timestamp,
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  actor: z.object({ id: z.string(), role: z.string() }),
  data: z.unknown().refine((value) => value !== undefined, "is required"),
  hash: hashHex,
});

export const metadataRecordSchema = z.strictObject({
  kind: z.literal("metadata"),
  position,
  streamId,
  recordedAt: timestamp,
  metadata: z.record(z.string(), z.unknown()),
  hash: hashHex,
});

export const tombstoneRecordSchema = z.strictObject({
  kind: z.literal("tombstone"),
  position,
  streamId,
  /** Revision of the stream's last event when it was deleted; null when it had none. */
  revision: revision.nullable(),
  recordedAt: timestamp,
  hash: hashHex,
});

/** Every record after the header. */
export const bodyRecordSchema = z.discriminatedUnion("kind", [
  eventRecordSchema,
  metadataRecordSchema,
  tombstoneRecordSchema,
]);

export type HeaderRecord = z.infer<typeof headerRecordSchema>;
export type EventRecord = z.infer<typeof eventRecordSchema>;
export type MetadataRecord = z.infer<typeof metadataRecordSchema>;
export type TombstoneRecord = z.infer<typeof tombstoneRecordSchema>;
export type BodyRecord = z.infer<typeof bodyRecordSchema>;
