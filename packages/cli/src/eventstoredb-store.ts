import type { EventStoreDbEventStore, EventStoreDbOptions } from "@insieme/eventstoredb";
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

type EventStoreDbModule = typeof import("@insieme/eventstoredb");

/** The adapter once loaded: only a command that is asked for EventStoreDB loads it (and its gRPC client). */
let adapter: EventStoreDbModule | null = null;

/** Loads `@insieme/eventstoredb` on first use; an installation without it (an optional dependency) is one error line. */
const loadAdapter = async (): Promise<EventStoreDbModule> => {
  if (adapter !== null) return adapter;
  try {
    adapter = await import("@insieme/eventstoredb");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND")
      throw new CliError(
        "EventStoreDB support is not installed: install @insieme/eventstoredb beside @insieme/cli",
      );
    throw error;
  }
  return adapter;
};

/** Connects to the chosen EventStoreDB; a bad connection string or an unreachable server is one error line. */
export const openEventStoreDb = async (
  choice: Extract<StoreChoice, { kind: "eventstoredb" }>,
): Promise<EventStoreDbEventStore> => {
  const { connectEventStoreDb } = await loadAdapter();
  const connected = await connectEventStoreDb(choice.connectionString, CLI_EVENTSTOREDB_OPTIONS);
  if (E.isRight(connected)) return connected.right;
  const error = connected.left;
  if (error._tag === "InvalidEventStoreDbConfig") throw new CliError(`${choice.from}: ${error.message}`, 2);
  throw new CliError(error.message);
};

/**
 * An EventStoreDB fault (after the adapter's retries) or a PostgreSQL failure met while reading or writing
 * becomes one error line. (An EventStoreDB fault can only come once the adapter has been loaded.)
 */
export const asCliError = (error: unknown): never => {
  if (adapter?.isEventStoreDbError(error) === true) throw new CliError((error as Error).message);
  if (isPostgresFailure(error)) throw new CliError(`postgres: ${error.message} (SQLSTATE ${error.code})`);
  throw error;
};
