import { createHash, createHmac } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import type { IdGenerator } from "./clock.js";

/**
 * A command's tag: 48 bits of a keyed hash (HMAC-SHA-256) of its id and content. The ids of the events a command
 * writes carry its tag, so any store that keeps event ids (all of them do) can tell, for a command id it has seen,
 * whether a command arriving with that id again is the same command (a retry: a duplicate) or another one (the
 * id reused: refused). The key keeps the tag from revealing the content (personal data included) to anyone who
 * reads the event ids; a 48-bit tag makes an accidental match between two different contents a 1 in 2⁴⁸ event.
 */
export const commandTag = (key: Uint8Array, commandId: string, content: unknown): number => {
  const digest = createHmac("sha256", key)
    .update("insieme/command-tag\u0000")
    .update(commandId, "utf8")
    .update("\u0000")
    .update(canonicalJson(content), "utf8")
    .digest();
  return digest.readUIntBE(0, 6);
};

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Event ids for one command's events: RFC 9562 version-8 UUIDs whose first 48 bits are the command's tag and
 * whose other 74 free bits come from a hash of the next id of `ids` (unique per event; deterministic when `ids`
 * is, as in tests and reproducible scenarios).
 */
export const taggedEventIds = (tag: number, ids: IdGenerator): IdGenerator => ({
  next: () => {
    const bytes = createHash("sha256").update(ids.next(), "utf8").digest().subarray(0, 16);
    bytes.writeUIntBE(tag, 0, 6);
    bytes[6] = 0x80 | ((bytes[6] as number) & 0x0f);
    bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  },
});

/** The command tag an event id carries; null for ids not made by `taggedEventIds` (e.g. events written before). */
export const tagOfEventId = (eventId: string): number | null =>
  UUID_V8.test(eventId) ? Number.parseInt(eventId.slice(0, 8) + eventId.slice(9, 13), 16) : null;
