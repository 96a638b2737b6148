import { canonicalJson } from "@insieme/statistics";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import type { EventSource } from "../event-source.js";
import { invalidRequest, sendHttpError } from "../http-errors.js";
import type { LiveStatistics } from "../live-statistics.js";
import { reportFor } from "../report.js";
import { reportQuerySchema } from "../report-query.js";
import { viewerOf } from "../viewer.js";

/** Roles that may ask for the unsuppressed report. */
const RAW_REPORT_ROLES: ReadonlySet<string> = new Set(["technical_referent", "auditor"]);

/** `GET /report`: the report as JSON, with `insieme report`'s options as query parameters. */
export const registerReportRoute = (
  app: FastifyInstance,
  source: EventSource,
  live: LiveStatistics,
  catchUpTimeoutMs: number | undefined,
): void => {
  app.get("/report", async (request, reply) => {
    const query = reportQuerySchema.safeParse(request.query);
    if (!query.success) return sendHttpError(reply, invalidRequest("query", query.error));
    if (query.data.raw) {
      const viewer = viewerOf(request.headers);
      if (E.isLeft(viewer)) return sendHttpError(reply, viewer.left);
      if (!RAW_REPORT_ROLES.has(viewer.right.role)) {
        return sendHttpError(reply, {
          status: 403,
          body: {
            error: "forbidden",
            rule: "raw-report-restricted",
            message: `role ${viewer.right.role} may not read the raw report`,
          },
        });
      }
    }
    const report = await reportFor(source, live, query.data, catchUpTimeoutMs);
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
