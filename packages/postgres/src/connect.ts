import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import {
  createPool,
  type InvalidPostgresConfig,
  type PostgresOptions,
  parsePostgresOptions,
} from "./connection.js";
import { PostgresEventStore } from "./postgres-event-store.js";
import { migrate } from "./schema.js";

/** The server could not be reached or refused the schema (the message says which). */
export interface PostgresUnreachable {
  readonly _tag: "PostgresUnreachable";
  readonly location: string;
  readonly message: string;
}

export type PostgresConnectError = InvalidPostgresConfig | PostgresUnreachable;

/**
 * Opens a PostgreSQL event store: parses the options, creates the schema's tables and functions when missing,
 * and returns the store (which owns its connection pool and closes it on `close`).
 */
export const connectPostgresEventStore = async (
  options: PostgresOptions,
): Promise<Either<PostgresConnectError, PostgresEventStore>> => {
  const parsed = parsePostgresOptions(options);
  if (E.isLeft(parsed)) return parsed;
  const settings = parsed.right;
  const pool = createPool(settings.url, settings.poolSize);
  try {
    await migrate(pool, settings.schema);
  } catch (error) {
    await pool.end().catch(() => {});
    const store = new PostgresEventStore(pool, settings, false);
    return E.left({
      _tag: "PostgresUnreachable",
      location: store.describe().location,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  return E.right(new PostgresEventStore(pool, settings, true));
};
