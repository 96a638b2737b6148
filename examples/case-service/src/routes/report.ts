import type { ProgrammeConfiguration } from "@insieme/domain";
import {
  canonicalJson,
  type ReleaseCalendar,
  releaseCalendarAt,
  releasedPeriods,
  releaseOfDay,
  releaseWindow,
  requestedRelease,
} from "@insieme/statistics";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import type { Authenticator } from "../authenticator.js";
import { callerWithRole } from "../caller.js";
import type { EventSource } from "../event-source.js";
import { type HttpError, invalidRequest, sendHttpError } from "../http-errors.js";
import type { LiveStatistics } from "../live-statistics.js";
import { type AsOfReports, reportFor } from "../report.js";
import { type ReportQuery, reportQuerySchema } from "../report-query.js";

/** Roles that may ask for the unsuppressed report. */
const RAW_REPORT_ROLES = ["technical_referent", "auditor"] as const;

/** The released periods' ids, oldest first (what a refusal names, and what the dashboard offers). */
const releasedIds = (calendar: ReleaseCalendar, now: string): string[] =>
  releasedPeriods(calendar, now).map((r) => r.id);

/**
 * The published report's query resolved on the release calendar (`requestedRelease`, the rule `insieme report`
 * follows): a released period, as of its release instant, at the calendar's threshold; or a 400 that says why and
 * names the released periods.
 */
const publishedQuery = (
  query: ReportQuery,
  calendar: ReleaseCalendar,
  now: string,
): E.Either<HttpError, ReportQuery> => {
  const refusal = (reason: string, message: string): HttpError => ({
    status: 400,
    body: {
      error: "publication-refused",
      message,
      details: { reason, period: calendar.period, released: releasedIds(calendar, now) },
    },
  });
  if (query.minCell !== undefined && query.minCell !== calendar.minCell) {
    return E.left(
      refusal(
        "threshold",
        `minCell ${query.minCell}: a published report uses the release calendar's threshold (${calendar.minCell}); other thresholds are for the raw report`,
      ),
    );
  }
  const release = requestedRelease(
    calendar,
    {
      release: query.release ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      asOf: query.asOf ?? null,
    },
    now,
  );
  if (E.isLeft(release)) return E.left(refusal(release.left.reason, release.left.message));
  const window = releaseWindow(release.right);
  return E.right({
    raw: false,
    minCell: calendar.minCell,
    ...(window.from === null ? {} : { from: window.from }),
    ...(window.to === null ? {} : { to: window.to }),
    ...(window.asOf === null ? {} : { asOf: window.asOf }),
  });
};

/**
 * `GET /report`: the report as JSON, with `insieme report`'s options as query parameters. The published report
 * is public (the dashboard reads it) and covers one released period of the configuration's release calendar
 * (`release`, or `from` and `to` of that period; nothing: the latest release), as of its release instant; any
 * other window or as-of is refused (400, naming the released periods). `raw` needs a technical referent's or an
 * auditor's token and takes any window. `GET /report/releases` lists the released periods.
 */
export const registerReportRoute = (
  app: FastifyInstance,
  source: EventSource,
  live: LiveStatistics,
  configuration: ProgrammeConfiguration,
  catchUpTimeoutMs: number | undefined,
  auth: Authenticator,
  asOfReports: AsOfReports,
): void => {
  // Public: the calendar, the released periods (newest first) and the next release.
  app.get("/report/releases", async (_request, reply) => {
    const now = asOfReports.now();
    const calendar = releaseCalendarAt(configuration, now);
    const releases = releasedPeriods(calendar, now).reverse();
    const latest = releases[0];
    const next =
      latest === undefined
        ? releaseOfDay(calendar, calendar.start)
        : releaseOfDay(calendar, new Date(Date.parse(latest.to) + 86_400_000).toISOString().slice(0, 10));
    return reply.send({ calendar, now, releases, next });
  });

  app.get("/report", async (request, reply) => {
    const parsed = reportQuerySchema.safeParse(request.query);
    if (!parsed.success) return sendHttpError(reply, invalidRequest("query", parsed.error));
    let query = parsed.data;
    if (query.raw) {
      const caller = await callerWithRole(
        auth,
        request,
        RAW_REPORT_ROLES,
        "raw-report-restricted",
        "read the raw report",
      );
      if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
    } else {
      const now = asOfReports.now();
      const published = publishedQuery(query, releaseCalendarAt(configuration, now), now);
      if (E.isLeft(published)) return sendHttpError(reply, published.left);
      query = published.right;
    }
    const report = await reportFor(source, live, query, configuration, catchUpTimeoutMs, asOfReports);
    if (report === "catching-up") {
      return reply.status(503).header("retry-after", "2").send({
        error: "catching-up",
        message: "the statistics are still applying recorded events; retry shortly",
      });
    }
    // The same bytes as `insieme report --format json` for the same store and window.
    return reply.type("application/json; charset=utf-8").send(`${canonicalJson(report, 2)}\n`);
  });
};
