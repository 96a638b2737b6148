import {
  createInsieme,
  type Insieme,
  type PersonalDataVault,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import { type Clock, type IdGenerator, systemClock, uuidGenerator } from "@insieme/kernel";
import { openSqliteDatabase, Worklists } from "@insieme/worklists";
import Fastify, { type FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { AsOfReportCache } from "./as-of-report-cache.js";
import { type Authenticator, noAuthenticator } from "./authenticator.js";
import { callerOf } from "./caller.js";
import { ConfigError, DEFAULT_LIMITS, type ServiceLimits } from "./config.js";
import { DEFAULT_DASHBOARD_DIR } from "./dashboard-files.js";
import type { EventSource } from "./event-source.js";
import { sendHttpError } from "./http-errors.js";
import { LiveStatistics } from "./live-statistics.js";
import { isLoopbackHost } from "./loopback.js";
import { registerCandidateRoute } from "./routes/candidates.js";
import { registerCommandRoute } from "./routes/commands.js";
import { registerDashboardRoutes } from "./routes/dashboard.js";
import { registerPersonRoutes } from "./routes/persons.js";
import { registerReportRoute } from "./routes/report.js";
import { registerWorklistRoutes } from "./routes/worklists.js";
import { EventStreams } from "./sse.js";

export interface CaseServiceOptions {
  readonly source: EventSource;
  /** The programme's configuration: commands are decided, and reports labelled, under it. */
  readonly configuration: ProgrammeConfiguration;
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
  /**
   * Who callers are: bearer JWTs verified with a configured key (`loadAuthenticator`). Default: the local mode,
   * in which every protected route answers 401 and the service listens on a loopback address only.
   */
  readonly authenticator?: Authenticator;
  readonly limits?: Partial<ServiceLimits>;
  /** The work lists (`GET /worklists/...`); default: SQLite in memory, rebuilt from the store at start. */
  readonly worklists?: Worklists;
}

export interface CaseService {
  readonly app: FastifyInstance;
  readonly insieme: Insieme;
  readonly live: LiveStatistics;
  /**
   * Listens on `host:port` (port 0: an ephemeral port) and returns the base URL. Without authentication
   * configured, a host other than a loopback address is refused (ConfigError).
   */
  listen(host: string, port: number): Promise<string>;
  /** Ends the event streams, stops the server and the live statistics, closes the store. */
  close(): Promise<void>;
}

export const buildCaseService = async (options: CaseServiceOptions): Promise<CaseService> => {
  const { source } = options;
  const insieme = createInsieme({
    configuration: options.configuration,
    store: source.store,
    ids: options.ids ?? uuidGenerator,
    clock: options.clock ?? systemClock,
    personKey: options.personKey,
    vault: options.vault,
  });
  const auth = options.authenticator ?? noAuthenticator;
  const limits: ServiceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = options.clock ?? systemClock;
  const live = new LiveStatistics(source.store);
  await live.start();
  const streams = new EventStreams(live, limits);
  const lists = options.worklists ?? (await Worklists.open(openSqliteDatabase(":memory:")));
  // From the lists' checkpoint, in the background: the service answers meanwhile (each list waits for freshness).
  const followingLists = await lists.follow(source.store);
  const app = Fastify({
    logger: options.logger === true,
    // A request must arrive whole within the limit (slow senders cannot hold sockets).
    requestTimeout: limits.requestTimeoutMs,
  });

  // A handler that has not answered within the limit gets a 503 (event streams are answered at once).
  app.addHook("onRequest", async (request, reply) => {
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
      request.log.warn(`request timed out after ${limits.requestTimeoutMs} ms`);
      void reply.status(503).send({
        error: "timeout",
        message: `no answer within ${limits.requestTimeoutMs} ms; retry later`,
      });
    }, limits.requestTimeoutMs);
    timer.unref();
    reply.raw.once("close", () => clearTimeout(timer));
  });

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

  registerCommandRoute(app, insieme, auth);
  registerCandidateRoute(app, insieme, auth);
  registerPersonRoutes(app, insieme, options.vault, auth);
  registerReportRoute(app, source, live, options.configuration, options.catchUpTimeoutMs, auth, {
    cache: new AsOfReportCache(limits.asOfReportCacheSize),
    now: () => clock.now(),
  });
  app.get("/events", async (request, reply) => {
    // Public, like the published report; a caller is their token's subject when they send one, else their address.
    const caller = request.headers.authorization === undefined ? E.left(null) : await callerOf(auth, request);
    const key = E.isRight(caller) ? `sub:${caller.right.id}` : `ip:${request.ip}`;
    const refusal = streams.refusal(key);
    if (refusal !== null) return sendHttpError(reply, refusal);
    reply.hijack();
    streams.attach(reply.raw, key);
    request.log.info("event stream opened");
  });
  registerWorklistRoutes(app, lists, source.store, auth, options.personKey, () => clock.now().slice(0, 10));
  registerDashboardRoutes(app, options.dashboardDir ?? DEFAULT_DASHBOARD_DIR);

  let closed = false;
  return {
    app,
    insieme,
    live,
    listen: async (host, port) => {
      if (!auth.configured && !isLoopbackHost(host)) {
        throw new ConfigError(
          `refusing to listen on ${host} without authentication: set INSIEME_AUTH_PUBLIC_KEY, or listen on 127.0.0.1`,
        );
      }
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
      await followingLists.stop();
      await lists.close();
      await source.close();
    },
  };
};
