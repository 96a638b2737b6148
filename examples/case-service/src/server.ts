import { createInsieme, type Insieme, type PersonalDataVault } from "@insieme/domain";
import { type Clock, type IdGenerator, systemClock, uuidGenerator } from "@insieme/kernel";
import Fastify, { type FastifyInstance } from "fastify";
import { DEFAULT_DASHBOARD_DIR } from "./dashboard-files.js";
import type { EventSource } from "./event-source.js";
import { LiveStatistics } from "./live-statistics.js";
import { registerCandidateRoute } from "./routes/candidates.js";
import { registerCommandRoute } from "./routes/commands.js";
import { registerDashboardRoutes } from "./routes/dashboard.js";
import { registerReportRoute } from "./routes/report.js";
import { EventStreams } from "./sse.js";

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

  registerCommandRoute(app, insieme);
  registerCandidateRoute(app, insieme);
  registerReportRoute(app, source, live, options.catchUpTimeoutMs);
  app.get("/events", (request, reply) => {
    reply.hijack();
    streams.attach(reply.raw);
    request.log.info("event stream opened");
  });
  registerDashboardRoutes(app, options.dashboardDir ?? DEFAULT_DASHBOARD_DIR);

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
