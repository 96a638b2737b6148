import type { ProgrammeConfiguration } from "@insieme/domain";
import { canonicalJson } from "@insieme/statistics";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import type { Authenticator } from "../authenticator.js";
import { callerWithRole } from "../caller.js";
import type { EventSource } from "../event-source.js";
import { invalidRequest, sendHttpError } from "../http-errors.js";
import type { LiveStatistics } from "../live-statistics.js";
import { type AsOfReports, reportFor } from "../report.js";
import { reportQuerySchema } from "../report-query.js";

/** Roles that may ask for the unsuppressed report. */
const RAW_REPORT_ROLES = ["technical_referent", "auditor"] as const;

/**
 * `GET /report`: the report as JSON, with `insieme report`'s options as query parameters. The published report is
 * public (the dashboard reads it); `raw` needs a technical referent's or an auditor's token.
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
  app.get("/report", async (request, reply) => {
    const query = reportQuerySchema.safeParse(request.query);
    if (!query.success) return sendHttpError(reply, invalidRequest("query", query.error));
    if (query.data.raw) {
      const caller = await callerWithRole(
        auth,
        request,
        RAW_REPORT_ROLES,
        "raw-report-restricted",
        "read the raw report",
      );
      if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
    }
    const report = await reportFor(source, live, query.data, configuration, catchUpTimeoutMs, asOfReports);
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
