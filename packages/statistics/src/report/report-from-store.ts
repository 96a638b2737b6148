import { domainRegistry, type ProgrammeConfiguration } from "@insieme/domain";
import type { EventDecodeError, EventStore } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { DisclosureMode } from "../disclosure/disclosure.js";
import { journalHashOf, replayStore, type StoreReplayResult } from "../replay.js";
import { buildReport } from "./build-report.js";
import type { Report, ReportWindow } from "./model.js";

/** Where events come from, as the report's provenance names it. */
export interface ReportStore {
  readonly store: EventStore;
  readonly kind: string;
  readonly location: string;
  /**
   * For a hash-chained journal only: the chain hash of the record at `position` (the last event replayed), which
   * the journal keeps for ever, so a report `--as-of` a past moment cites what a report made at that moment cited;
   * null when it has none. Stores without a chain leave it out, and their reports cite the hash of the events
   * replayed.
   */
  readonly chainHashAt?: (position: number | null) => Promise<string | null>;
}

export interface ReportRequest {
  readonly window: ReportWindow;
  readonly disclosure: DisclosureMode;
  readonly configuration: ProgrammeConfiguration;
  readonly onProgress?: (events: number) => void;
}

const replay = (
  source: ReportStore,
  request: ReportRequest,
  hashEvents: boolean,
): Promise<Either<EventDecodeError, StoreReplayResult>> =>
  replayStore(source.store, {
    asOf: request.window.asOf,
    decode: (event) => domainRegistry.decodeRecorded(event),
    hashEvents,
    ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
  });

/**
 * Replays a store from the start (up to the window's `asOf`), decoding every event with the domain registry, and
 * builds the report with its provenance: the journal's chain hash at the last event replayed, else the hash of
 * the canonical events replayed.
 */
export const reportFromStore = async (
  source: ReportStore,
  request: ReportRequest,
): Promise<Either<EventDecodeError, Report>> => {
  // A replay of a journal cites the chain hash at its last position (cut by --as-of or not), so only other
  // replays need the events' own hash.
  let replayed = await replay(source, request, source.chainHashAt === undefined);
  if (E.isLeft(replayed)) return replayed;
  let chainHead = (await source.chainHashAt?.(replayed.right.lastPosition)) ?? null;
  if (chainHead === null && replayed.right.eventsHash === null) {
    // The journal gives no chain hash for that position: cite the events instead.
    replayed = await replay(source, request, true);
    if (E.isLeft(replayed)) return replayed;
    chainHead = (await source.chainHashAt?.(replayed.right.lastPosition)) ?? null;
  }
  const { replay: statistics, lastPosition, events, eventsHash } = replayed.right;
  return E.right(
    buildReport(
      statistics.snapshot(),
      {
        store: { kind: source.kind, location: source.location },
        lastPosition,
        eventsReplayed: events,
        journalHash: journalHashOf(chainHead, eventsHash),
      },
      { window: request.window, disclosure: request.disclosure, configuration: request.configuration },
    ),
  );
};
