import type { ProgrammeConfiguration } from "@insieme/domain";
import {
  buildReport,
  DEFAULT_MIN_CELL,
  type DisclosureMode,
  journalHashOf,
  type Report,
  type ReportWindow,
  reportFromStore,
} from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import type { AsOfReportCache } from "./as-of-report-cache.js";
import type { EventSource } from "./event-source.js";
import type { LiveStatistics } from "./live-statistics.js";
import type { ReportQuery } from "./report-query.js";

const disclosureOf = (query: ReportQuery): DisclosureMode =>
  query.raw ? { mode: "raw" } : { mode: "published", minCell: query.minCell ?? DEFAULT_MIN_CELL };

/** Where as-of reports are kept, and the time that says which instants are past. */
export interface AsOfReports {
  readonly cache: AsOfReportCache;
  /** The current time, ISO-8601. */
  readonly now: () => string;
}

/**
 * The report for a query. Without `asOf` it comes from the live statistics (no replay); with `asOf` the log is
 * replayed from the start up to that instant, as `insieme report --as-of` does, and kept in `asOfReports` when
 * the instant is past.
 */
export const reportFor = async (
  source: EventSource,
  live: LiveStatistics,
  query: ReportQuery,
  configuration: ProgrammeConfiguration,
  catchUpTimeoutMs?: number,
  asOfReports?: AsOfReports,
): Promise<Report | "catching-up"> => {
  const window: ReportWindow = { from: query.from ?? null, to: query.to ?? null, asOf: query.asOf ?? null };
  const options = { window, disclosure: disclosureOf(query), configuration };
  if (query.asOf === undefined) {
    if (!(await live.upToDate(catchUpTimeoutMs))) return "catching-up";
    const snapshot = live.snapshot();
    const chainHead = (await source.chainHashAt?.(snapshot.lastPosition)) ?? null;
    return buildReport(
      snapshot.states,
      {
        store: { kind: source.kind, location: source.location },
        lastPosition: snapshot.lastPosition,
        eventsReplayed: snapshot.events,
        journalHash: journalHashOf(chainHead, snapshot.eventsHash),
      },
      options,
    );
  }
  const replay = async (): Promise<Report> => {
    const report = await reportFromStore(source, options);
    if (E.isLeft(report)) throw new Error(`cannot replay ${source.location}: ${report.left.message}`);
    return report.right;
  };
  if (asOfReports === undefined || Date.parse(query.asOf) >= Date.parse(asOfReports.now())) return replay();
  return asOfReports.cache.get(JSON.stringify(options), replay);
};
