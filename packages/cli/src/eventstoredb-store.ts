import {
  connectEventStoreDb,
  type EventStoreDbEventStore,
  type EventStoreDbOptions,
  isEventStoreDbError,
} from "@insieme/eventstoredb";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";
import { isPostgresFailure } from "./postgres-store.js";
import type { StoreChoice } from "./store-option.js";

/**
 * The CLI's bounds on every EventStoreDB call: an unreachable server is reported after at most
 * 3 attempts of 10 s (plus 0.2 s and 0.4 s of backoff), never a hang.
 */
export const CLI_EVENTSTOREDB_OPTIONS = {
  operationTimeoutMs: 10_000,
  attempts: 3,
  retryBackoffMs: 200,
} as const satisfies EventStoreDbOptions;

/** Connects to the chosen EventStoreDB; a bad connection string or an unreachable server is one error line. */
export const openEventStoreDb = async (
  choice: Extract<StoreChoice, { kind: "eventstoredb" }>,
): Promise<EventStoreDbEventStore> => {
  const connected = await connectEventStoreDb(choice.connectionString, CLI_EVENTSTOREDB_OPTIONS);
  if (E.isRight(connected)) return connected.right;
  const error = connected.left;
  if (error._tag === "InvalidEventStoreDbConfig") throw new CliError(`${choice.from}: ${error.message}`, 2);
  throw new CliError(error.message);
};

/**
 * An EventStoreDB fault (after the adapter's retries) or a PostgreSQL failure met while reading or writing
 * becomes one error line.
 */
export const asCliError = (error: unknown): never => {
  if (isEventStoreDbError(error)) throw new CliError(error.message);
  if (isPostgresFailure(error)) throw new CliError(`postgres: ${error.message} (SQLSTATE ${error.code})`);
  throw error;
};
