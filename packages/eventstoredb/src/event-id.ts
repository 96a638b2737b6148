import { createHash } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Namespace of the name-based ids derived for Insieme event ids that are not UUIDs. */
const INSIEME_NAMESPACE = Buffer.from("6f1c2a8e4b7d4e0f9a3c5d2e1b0a9f87", "hex");

/**
 * EventStoreDB requires UUID event ids. Kernel ids that are UUIDs are used as they are (lower-cased); any other
 * id (e.g. `evt-000001` from a deterministic generator) maps to its RFC 4122 version-5 UUID, so the mapping is
 * stable and EventStoreDB's idempotent-append check still sees the same id on a retry.
 */
export const eventStoreDbEventId = (eventId: string): string => {
  if (UUID.test(eventId)) return eventId.toLowerCase();
  const hash = createHash("sha1").update(INSIEME_NAMESPACE).update(eventId, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
