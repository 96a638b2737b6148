import type { EventFilter } from "@insieme/kernel";
import type { ServerFilter } from "./gateway.js";

/** Streams holding projection checkpoints; reserved: the adapter keeps them out of `readAll` and subscriptions. */
export const CHECKPOINT_STREAM_PREFIX = "insieme-checkpoint-";

/**
 * Whether an `$all` event belongs to the Insieme log: EventStoreDB's own events (`$`-prefixed streams such as
 * `$$metadata` or `$stats-*`, `$`-prefixed types such as `$>` links or `$streamDeleted` tombstones) and the
 * adapter's checkpoint streams are not part of it.
 */
export const isInsiemeEvent = (streamId: string, type: string): boolean =>
  !streamId.startsWith("$") && !type.startsWith("$") && !streamId.startsWith(CHECKPOINT_STREAM_PREFIX);

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Never matches (an empty prefix or type list keeps nothing). */
const NOTHING = "(?!)";

/**
 * The server-side half of a subscription filter: EventStoreDB filters on one dimension, so stream prefixes win
 * and event types are checked again on the client; with no filter, system and checkpoint streams are dropped.
 */
export const serverFilterFor = (filter: EventFilter | undefined): ServerFilter => {
  if (filter?.streamPrefixes !== undefined) {
    return filter.streamPrefixes.length === 0
      ? { on: "stream-name", regex: NOTHING }
      : { on: "stream-name", prefixes: filter.streamPrefixes };
  }
  if (filter?.eventTypes !== undefined) {
    return filter.eventTypes.length === 0
      ? { on: "event-type", regex: NOTHING }
      : { on: "event-type", regex: `^(?:${filter.eventTypes.map(escapeRegex).join("|")})$` };
  }
  return { on: "stream-name", regex: `^(?!\\$|${escapeRegex(CHECKPOINT_STREAM_PREFIX)})` };
};
