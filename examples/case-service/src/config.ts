import { resolve } from "node:path";
import { formatZodError } from "@insieme/kernel";
import { z } from "zod";
import type { AuthConfig } from "./authenticator.js";

/** Where the service keeps its data and where it listens, from the environment. */
export interface ServiceConfig {
  readonly host: string;
  readonly port: number;
  /** The embedded journal's directory (ignored when `eventStoreDbUrl` is set). */
  readonly journal: string;
  /** The programme configuration file (`INSIEME_CONFIG`), or `illustrative` by name. */
  readonly configuration: string;
  /** `esdb://` or `esdb+discover://` connection string: use EventStoreDB instead of the journal. */
  readonly eventStoreDbUrl: string | null;
  /** `INSIEME_POSTGRES_URL`: the work lists are kept in this PostgreSQL (else in SQLite, `worklistsFile`). */
  readonly postgresUrl: string | null;
  /** `INSIEME_EVENTS_IN_POSTGRES=true`: the events are kept in that PostgreSQL too, instead of the journal. */
  readonly eventsInPostgres: boolean;
  /** The SQLite file of the work lists (`INSIEME_WORKLISTS`, default next to the journal). */
  readonly worklistsFile: string;
  /**
   * `INSIEME_PROGRAMME`: the programme this service runs in a store several programmes share (its namespace);
   * null: the store holds one programme.
   */
  readonly programme: string | null;
  /**
   * Where the keys live, as `insieme` keeps them (so the service and the CLI share a journal's keys): the secret
   * key of the codice fiscale's keyed hash (`person-hmac.key`) and one data key per person (`persons/`).
   */
  readonly keysDir: string;
  /** The bearer tokens' verifying key and expected issuer and audience; null: the local mode (loopback only). */
  readonly auth: AuthConfig | null;
  readonly limits: ServiceLimits;
}

/** What one caller, or all together, may hold of the service at a time. */
export interface ServiceLimits {
  /** Open server-sent-event connections in all. */
  readonly maxEventStreams: number;
  /** Open server-sent-event connections of one caller (a token's subject, else a remote address). */
  readonly maxEventStreamsPerCaller: number;
  /** How long a request may take to arrive, and a handler to answer, before the service gives up (ms). */
  readonly requestTimeoutMs: number;
  /** How many as-of reports are kept, by instant, so a release is replayed once. */
  readonly asOfReportCacheSize: number;
}

export const DEFAULT_LIMITS: ServiceLimits = {
  maxEventStreams: 100,
  maxEventStreamsPerCaller: 4,
  requestTimeoutMs: 30_000,
  asOfReportCacheSize: 32,
};

const portSchema = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .refine((n) => n <= 65_535, "must be at most 65535");

const positive = (fallback: number) =>
  z
    .string()
    .regex(/^[1-9]\d*$/, "must be a whole number above 0")
    .transform(Number)
    .default(fallback);

const envSchema = z.object({
  INSIEME_HOST: z.string().min(1).default("127.0.0.1"),
  INSIEME_PORT: portSchema.default(3000),
  INSIEME_JOURNAL: z.string().min(1).default(".insieme/case-service-journal"),
  /** The programme configuration: a JSON file, or `illustrative` by name (demos and tests); no default. */
  INSIEME_CONFIG: z
    .string({
      error: "is required: the programme configuration file, or 'illustrative' (demos and tests only)",
    })
    .min(1),
  INSIEME_EVENTSTOREDB_URL: z.string().min(1).optional(),
  INSIEME_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
  INSIEME_EVENTS_IN_POSTGRES: z.enum(["true", "false"]).default("false"),
  INSIEME_WORKLISTS: z.string().min(1).optional(),
  INSIEME_PROGRAMME: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, "must be 1-64 lowercase letters, digits or - (the programme's namespace)")
    .optional(),
  INSIEME_KEYS_DIR: z.string().min(1).optional(),
  INSIEME_AUTH_PUBLIC_KEY: z.string().min(1).optional(),
  INSIEME_AUTH_ISSUER: z.string().min(1).optional(),
  INSIEME_AUTH_AUDIENCE: z.string().min(1).optional(),
  INSIEME_MAX_EVENT_STREAMS: positive(DEFAULT_LIMITS.maxEventStreams),
  INSIEME_MAX_EVENT_STREAMS_PER_CALLER: positive(DEFAULT_LIMITS.maxEventStreamsPerCaller),
  INSIEME_REQUEST_TIMEOUT_MS: positive(DEFAULT_LIMITS.requestTimeoutMs),
  INSIEME_AS_OF_REPORT_CACHE: positive(DEFAULT_LIMITS.asOfReportCacheSize),
});

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Reads the configuration from environment variables; a bad value is a ConfigError naming the variable.
 * Relative paths are taken from `cwd` (pnpm runs scripts in the package's directory and passes the caller's
 * directory in INIT_CWD).
 */
export const configFromEnv = (env: NodeJS.ProcessEnv, cwd?: string): ServiceConfig => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid environment: ${formatZodError(parsed.error)}`);
  const e = parsed.data;
  if (e.INSIEME_AUTH_PUBLIC_KEY === undefined) {
    const stray = e.INSIEME_AUTH_ISSUER !== undefined ? "INSIEME_AUTH_ISSUER" : "INSIEME_AUTH_AUDIENCE";
    if (e.INSIEME_AUTH_ISSUER !== undefined || e.INSIEME_AUTH_AUDIENCE !== undefined)
      throw new ConfigError(`invalid environment: ${stray} is set but INSIEME_AUTH_PUBLIC_KEY is not`);
  }
  const path = (p: string) => (cwd === undefined ? p : resolve(cwd, p));
  return {
    host: e.INSIEME_HOST,
    port: e.INSIEME_PORT,
    journal: path(e.INSIEME_JOURNAL),
    configuration: e.INSIEME_CONFIG === "illustrative" ? e.INSIEME_CONFIG : path(e.INSIEME_CONFIG),
    eventStoreDbUrl: e.INSIEME_EVENTSTOREDB_URL ?? null,
    postgresUrl: e.INSIEME_POSTGRES_URL ?? null,
    eventsInPostgres: e.INSIEME_EVENTS_IN_POSTGRES === "true",
    worklistsFile: path(
      e.INSIEME_WORKLISTS ?? `${e.INSIEME_JOURNAL}.worklists/${e.INSIEME_PROGRAMME ?? "worklists"}.db`,
    ),
    programme: e.INSIEME_PROGRAMME ?? null,
    // Next to the journal, never inside it, as `insieme` does: an exported or audited journal carries no key.
    keysDir: path(
      e.INSIEME_KEYS_DIR ??
        (e.INSIEME_EVENTSTOREDB_URL === undefined
          ? `${e.INSIEME_JOURNAL.replace(/\/+$/, "")}.keys`
          : ".insieme/eventstoredb.keys"),
    ),
    auth:
      e.INSIEME_AUTH_PUBLIC_KEY === undefined
        ? null
        : {
            publicKeyFile: path(e.INSIEME_AUTH_PUBLIC_KEY),
            issuer: e.INSIEME_AUTH_ISSUER ?? null,
            audience: e.INSIEME_AUTH_AUDIENCE ?? null,
          },
    limits: {
      maxEventStreams: e.INSIEME_MAX_EVENT_STREAMS,
      maxEventStreamsPerCaller: e.INSIEME_MAX_EVENT_STREAMS_PER_CALLER,
      requestTimeoutMs: e.INSIEME_REQUEST_TIMEOUT_MS,
      asOfReportCacheSize: e.INSIEME_AS_OF_REPORT_CACHE,
    },
  };
};
