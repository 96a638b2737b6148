import { createHash } from "node:crypto";
import { domainRegistry } from "@insieme/domain";
import type { EventDecodeError, EventStore } from "@insieme/kernel";
import { canonicalJson, StatisticsReplay } from "@insieme/statistics";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";

export interface ReplayedTo {
  readonly replay: StatisticsReplay;
  readonly lastPosition: number | null;
  readonly events: number;
  /** SHA-256 over the canonical JSON of every replayed event, one per line (as reports compute it). */
  readonly eventsHash: string;
}

/**
 * Replays the log from the start up to and including global position `last` (nothing when null), decoding each
 * event with the domain's registry: the events a report with that last position was computed from, even when
 * the journal has grown since.
 */
export const replayTo = async (
  store: EventStore,
  last: number | null,
): Promise<Either<EventDecodeError, ReplayedTo>> => {
  const replay = new StatisticsReplay();
  const hash = createHash("sha256");
  let lastPosition: number | null = null;
  let events = 0;
  if (last !== null) {
    for await (const stored of store.readAll()) {
      if (stored.position > last) break;
      hash.update(canonicalJson(stored));
      hash.update("\n");
      const decoded = domainRegistry.decodeRecorded(stored);
      if (E.isLeft(decoded)) return decoded;
      replay.apply(decoded.right);
      lastPosition = stored.position;
      events++;
    }
  }
  return E.right({ replay, lastPosition, events, eventsHash: hash.digest("hex") });
};
