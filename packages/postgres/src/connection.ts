import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { z } from "zod";

/** Where a PostgreSQL store lives: a server, a database and a schema of its own. */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (or `postgresql://`). */
  readonly url: string;
  /** Schema holding the store's tables (default `insieme`); created when missing. */
  readonly schema?: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** How often a live subscription looks for new events when no notification arrives (default 1000 ms). */
  readonly pollIntervalMs?: number;
}

export interface ResolvedPostgresOptions {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly pollIntervalMs: number;
}

/** A configuration the store refuses, naming the field. */
export interface InvalidPostgresConfig {
  readonly _tag: "InvalidPostgresConfig";
  readonly field: string;
  readonly message: string;
}

const optionsSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// connection URL"),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier (letters, digits, _)")
    .default("insieme"),
  poolSize: z.number().int().min(1).max(1000).default(10),
  pollIntervalMs: z.number().int().min(10).max(600_000).default(1000),
});

/** Parses the options at the boundary: a bad URL or schema name is a value naming the field. */
export const parsePostgresOptions = (
  options: PostgresOptions,
): Either<InvalidPostgresConfig, ResolvedPostgresOptions> => {
  const parsed = optionsSchema.safeParse(options);
  if (parsed.success) return E.right(parsed.data);
  const issue = parsed.error.issues[0];
  return E.left({
    _tag: "InvalidPostgresConfig",
    field: issue?.path.join(".") || "options",
    message: issue?.message ?? "invalid options",
  });
};

/** The URL without its password, for provenance and messages. */
export const redactPostgresUrl = (url: string): string =>
  url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, "$1:***@");

const INT8 = 20;
const parseInt8 = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond JavaScript's safe integers`);
  return n;
};

/** Positions and revisions are bigint columns; they are read as numbers (safe up to 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 && format !== "binary"
      ? parseInt8
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

/** A pool whose bigint columns come back as numbers. */
export const createPool = (url: string, size: number): pg.Pool => {
  const pool = new pg.Pool({ connectionString: url, max: size, types });
  // An idle connection dropped by the server is replaced on next use; the error must not crash the process.
  pool.on("error", () => {});
  return pool;
};

/** A single connection (for LISTEN) with the same type parsing. */
export const createClient = (url: string): pg.Client => new pg.Client({ connectionString: url, types });

/** `"schema"."name"`, quoted. */
export const qualified = (schema: string, name: string): string =>
  `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
