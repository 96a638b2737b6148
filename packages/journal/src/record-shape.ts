import type { BodyRecord } from "./record-schema.js";

const EVENT_KEYS = 14;
const TOMBSTONE_KEYS = 6;

type Fields = Record<string, unknown>;

const isCount = (value: unknown): boolean =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
const isName = (value: unknown): boolean => typeof value === "string" && value.length > 0;
const isNullableString = (value: unknown): boolean => value === null || typeof value === "string";
/** 64 lowercase hex digits (what /^[0-9a-f]{64}$/ accepts), without entering the regex engine per record. */
const isHash = (value: unknown): boolean => {
  if (typeof value !== "string" || value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
};

const countKeys = (fields: Fields): number => {
  let keys = 0;
  for (const _ in fields) keys++;
  return keys;
};

const isActor = (value: unknown): boolean => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const actor = value as Fields;
  return typeof actor.id === "string" && typeof actor.role === "string" && countKeys(actor) === 2;
};

const isEvent = (fields: Fields): boolean =>
  isCount(fields.position) &&
  isName(fields.streamId) &&
  isCount(fields.revision) &&
  isName(fields.eventId) &&
  isName(fields.type) &&
  isCount(fields.version) &&
  (fields.version as number) > 0 &&
  isName(fields.occurredAt) &&
  isName(fields.recordedAt) &&
  isNullableString(fields.correlationId) &&
  isNullableString(fields.causationId) &&
  isActor(fields.actor) &&
  fields.data !== undefined &&
  isHash(fields.hash) &&
  countKeys(fields) === EVENT_KEYS;

const isTombstone = (fields: Fields): boolean =>
  isCount(fields.position) &&
  isName(fields.streamId) &&
  (fields.revision === null || isCount(fields.revision)) &&
  isName(fields.recordedAt) &&
  isHash(fields.hash) &&
  countKeys(fields) === TOMBSTONE_KEYS;

/**
 * A hand-written check of the commonest records (events and tombstones) that accepts only what
 * `bodyRecordSchema` accepts, unchanged, at a fraction of its cost on a replay's hot path. It may reject more:
 * whatever it does not accept goes to the schema, which has the last word and the error message.
 * Returns the record when it surely matches the schema, undefined when the schema must decide.
 */
export const plainBodyRecord = (value: unknown): BodyRecord | undefined => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const fields = value as Fields;
  if (fields.kind === "event") return isEvent(fields) ? (value as BodyRecord) : undefined;
  if (fields.kind === "tombstone") return isTombstone(fields) ? (value as BodyRecord) : undefined;
  return undefined;
};
