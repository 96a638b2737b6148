import { resolve } from "node:path";
import { formatZodError } from "@insieme/kernel";
import { z } from "zod";

/** Where the service keeps its data and where it listens, from the environment. */
export interface ServiceConfig {
  readonly host: string;
  readonly port: number;
  /** The embedded journal's directory (ignored when `eventStoreDbUrl` is set). */
  readonly journal: string;
  /** `esdb://` or `esdb+discover://` connection string: use EventStoreDB instead of the journal. */
  readonly eventStoreDbUrl: string | null;
  /**
   * Where the keys live, as `insieme` keeps them (so the service and the CLI share a journal's keys): the secret
   * key of the codice fiscale's keyed hash (`person-hmac.key`) and one data key per person (`persons/`).
   */
  readonly keysDir: string;
}

const portSchema = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .refine((n) => n <= 65_535, "must be at most 65535");

const envSchema = z.object({
  INSIEME_HOST: z.string().min(1).default("127.0.0.1"),
  INSIEME_PORT: portSchema.default(3000),
  INSIEME_JOURNAL: z.string().min(1).default(".insieme/case-service-journal"),
  INSIEME_EVENTSTOREDB_URL: z.string().min(1).optional(),
  INSIEME_KEYS_DIR: z.string().min(1).optional(),
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
  const path = (p: string) => (cwd === undefined ? p : resolve(cwd, p));
  return {
    host: e.INSIEME_HOST,
    port: e.INSIEME_PORT,
    journal: path(e.INSIEME_JOURNAL),
    eventStoreDbUrl: e.INSIEME_EVENTSTOREDB_URL ?? null,
    // Next to the journal, never inside it, as `insieme` does: an exported or audited journal carries no key.
    keysDir: path(
      e.INSIEME_KEYS_DIR ??
        (e.INSIEME_EVENTSTOREDB_URL === undefined
          ? `${e.INSIEME_JOURNAL}.keys`
          : ".insieme/eventstoredb.keys"),
    ),
  };
};
