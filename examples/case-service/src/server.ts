import { createInsieme, type Insieme, type PersonalDataVault } from "@insieme/domain";
import { type Clock, type IdGenerator, systemClock, uuidGenerator } from "@insieme/kernel";
import { canonicalJson } from "@insieme/statistics";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { DEFAULT_DASHBOARD_DIR, dashboardFiles, readDashboardFile } from "./dashboard-files.js";
import type { EventSource } from "./event-source.js";
import { type HttpError, httpErrorOf, invalidRequest } from "./http-errors.js";
import { LiveStatistics } from "./live-statistics.js";
import { reportFor } from "./report.js";
import { reportQuerySchema } from "./report-query.js";
import { EventStreams } from "./sse.js";
import { ACTOR_HEADER, viewerOf } from "./viewer.js";

export interface CaseServiceOptions {
  readonly source: EventSource;
  readonly vault: PersonalDataVault;
  /** Secret key (at least 32 bytes) of the codice fiscale's keyed hash. */
  readonly personKey: Uint8Array;
  readonly ids?: IdGenerator;
  /** Fills a command's missing `occurredAt`. */
  readonly clock?: Clock;
  /** Directory of the dashboard's page; default: `examples/dashboard/public`. */
  readonly dashboardDir?: string;
  readonly logger?: boolean;
  /** How long a report request waits for the live statistics to reach the store's head (default 10 s). */
  readonly catchUpTimeoutMs?: number;
}

export interface CaseService {
  readonly app: FastifyInstance;
  readonly insieme: Insieme;
  readonly live: LiveStatistics;
  /** Listens on `host:port` (port 0: an ephemeral port) and returns the base URL. */
  listen(host: string, port: number): Promise<string>;
  /** Ends the event streams, stops the server and the live statistics, closes the store. */
  close(): Promise<void>;
}

/** Roles that may ask for the unsuppressed report. */
const RAW_REPORT_ROLES: ReadonlySet<string> = new Set(["technical_referent", "auditor"]);

const candidateParams = z.strictObject({ candidateId: z.string().min(1).max(200) });

const sendError = (reply: FastifyReply, error: HttpError) => reply.status(error.status).send(error.body);

export const buildCaseService = async (options: CaseServiceOptions): Promise<CaseService> => {
  const { source } = options;
  const insieme = createInsieme({
    store: source.store,
    ids: options.ids ?? uuidGenerator,
    clock: options.clock ?? systemClock,
    personKey: options.personKey,
    vault: options.vault,
  });
  const live = new LiveStatistics(source.store);
  await live.start();
  const streams = new EventStreams(live);
  const files = dashboardFiles(options.dashboardDir ?? DEFAULT_DASHBOARD_DIR);
  const app = Fastify({ logger: options.logger === true });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ error: (error.code ?? "bad-request").toLowerCase(), message: error.message });
    }
    request.log.error(error);
    return reply.status(500).send({ error: "internal", message: "internal error; see the service's log" });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: "no-route", message: `no route ${request.method} ${request.url}` }),
  );

  app.post("/commands", async (request, reply) => {
    const claimed = request.headers[ACTOR_HEADER];
    if (claimed !== undefined) {
      const body = request.body as { actor?: { id?: unknown } } | null;
      if (body?.actor?.id !== claimed) {
        return sendError(reply, {
          status: 403,
          body: {
            error: "forbidden",
            rule: "actor-mismatch",
            message: `the command's actor.id is not ${String(claimed)}`,
          },
        });
      }
    }
    const outcome = await insieme.execute(request.body);
    if (E.isLeft(outcome)) return sendError(reply, httpErrorOf(outcome.left));
    const o = outcome.right;
    return reply.status(o.duplicate ? 200 : 201).send({
      commandId: o.commandId,
      type: o.type,
      duplicate: o.duplicate,
      written: o.written.map((w) => ({
        streamId: w.streamId,
        revision: w.revision,
        events: w.events.map((e) => e.type),
      })),
    });
  });

  app.get("/candidates/:candidateId", async (request, reply) => {
    const params = candidateParams.safeParse(request.params);
    if (!params.success) return sendError(reply, invalidRequest("params", params.error));
    const viewer = viewerOf(request.headers);
    if (E.isLeft(viewer)) return sendError(reply, viewer.left);
    const view = await insieme.readCandidate(params.data.candidateId, viewer.right);
    if (E.isLeft(view)) return sendError(reply, httpErrorOf(view.left));
    return reply.send(view.right);
  });

  app.get("/report", async (request, reply) => {
    const query = reportQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, invalidRequest("query", query.error));
    if (query.data.raw) {
      const viewer = viewerOf(request.headers);
      if (E.isLeft(viewer)) return sendError(reply, viewer.left);
      if (!RAW_REPORT_ROLES.has(viewer.right.role)) {
        return sendError(reply, {
          status: 403,
          body: {
            error: "forbidden",
            rule: "raw-report-restricted",
            message: `role ${viewer.right.role} may not read the raw report`,
          },
        });
      }
    }
    const report = await reportFor(source, live, query.data, options.catchUpTimeoutMs);
    if (report === "catching-up") {
      return reply.status(503).header("retry-after", "2").send({
        error: "catching-up",
        message: "the statistics are still applying recorded events; retry shortly",
      });
    }
    // The same bytes as `insieme report --format json` for the same store and window.
    return reply.type("application/json; charset=utf-8").send(`${canonicalJson(report, 2)}\n`);
  });

  app.get("/events", (request, reply) => {
    reply.hijack();
    streams.attach(reply.raw);
    request.log.info("event stream opened");
  });

  app.get("/dashboard", (_request, reply) => reply.redirect("/dashboard/"));
  app.get("/dashboard/*", async (request, reply) => {
    const name = (request.params as { "*": string })["*"];
    const file = files.get(name);
    if (file === undefined)
      return sendError(reply, { status: 404, body: { error: "not-found", message: `no file ${name}` } });
    return reply
      .type(file.contentType)
      .header("cache-control", "no-cache")
      .send(await readDashboardFile(file));
  });

  let closed = false;
  return {
    app,
    insieme,
    live,
    listen: async (host, port) => {
      await app.listen({ host, port });
      const address = app.server.address();
      if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      return `http://${shownHost}:${address.port}`;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      streams.closeAll();
      await app.close();
      await live.stop();
      await source.close();
    },
  };
};
