import { domainRegistry } from "@insieme/domain";
import type { EventStore } from "@insieme/kernel";
import {
  buildReport,
  canonicalJson,
  DEFAULT_MIN_CELL,
  type DisclosureMode,
  journalHashOf,
  type Report,
  type ReportWindow,
  renderReportHtml,
  renderReportText,
  replayStore,
} from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";

export interface ReportRequest {
  readonly window: ReportWindow;
  readonly disclosure: DisclosureMode;
  readonly onProgress?: (events: number) => void;
}

/** Where events come from, as the report's provenance names it. */
export interface ReportStore {
  readonly store: EventStore;
  readonly kind: string;
  readonly location: string;
  /** The journal's hash-chain head after position `position`, when the store is a hash-chained journal. */
  readonly chainHeadAt?: (position: number | null) => Promise<string | null>;
}

/** Replays a store (decoding every event with the domain registry) and builds the report. */
export const computeReport = async (source: ReportStore, request: ReportRequest): Promise<Report> => {
  const replayed = await replayStore(source.store, {
    asOf: request.window.asOf,
    decode: (event) => domainRegistry.decodeRecorded(event),
    // A full replay of a journal cites its chain head, so only other replays need the events' own hash.
    hashEvents: source.chainHeadAt === undefined || request.window.asOf !== null,
    ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
  });
  if (E.isLeft(replayed)) throw new CliError(`cannot replay ${source.location}: ${replayed.left.message}`);
  const { replay, lastPosition, events, eventsHash } = replayed.right;
  const chainHead = source.chainHeadAt === undefined ? null : await source.chainHeadAt(lastPosition);
  return buildReport(
    replay.snapshot(),
    {
      store: { kind: source.kind, location: source.location },
      lastPosition,
      eventsReplayed: events,
      journalHash: journalHashOf(chainHead, eventsHash),
    },
    { window: request.window, disclosure: request.disclosure },
  );
};

export type ReportFormat = "json" | "table" | "html";

export const formatReport = (report: Report, format: ReportFormat): string => {
  switch (format) {
    case "json":
      return `${canonicalJson(report, 2)}\n`;
    case "table":
      return renderReportText(report);
    case "html":
      return renderReportHtml(report);
  }
};

export const disclosureOf = (raw: boolean, minCell: number | undefined): DisclosureMode =>
  raw ? { mode: "raw" } : { mode: "published", minCell: minCell ?? DEFAULT_MIN_CELL };
