import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { DbClientGateway } from "./db-client-gateway.js";
import { type EventStoreDbConnectError, EventStoreDbError } from "./errors.js";
import { EventStoreDbEventStore } from "./eventstoredb-event-store.js";
import type { StreamsGateway } from "./gateway.js";
import { resilientGateway } from "./resilience.js";

export interface EventStoreDbOptions {
  /** Per attempt: unary calls, a read's first event, a subscription's confirmation (default 10 000 ms). */
  readonly operationTimeoutMs?: number;
  /** Tries per operation while the server is unreachable (default 3; 1 = no retry). */
  readonly attempts?: number;
  /** Wait before the first retry, doubled each time (default 200 ms). */
  readonly retryBackoffMs?: number;
  /** Probe the server before returning the store (default true). */
  readonly verifyConnection?: boolean;
}

const optionsSchema = z.strictObject({
  operationTimeoutMs: z.number().int().positive().max(600_000).default(10_000),
  attempts: z.number().int().min(1).max(20).default(3),
  retryBackoffMs: z.number().int().nonnegative().max(60_000).default(200),
  verifyConnection: z.boolean().default(true),
});

const connectionStringSchema = z
  .string()
  .trim()
  .regex(/^esdb(\+discover)?:\/\/\S+$/, "must be an esdb:// or esdb+discover:// connection string");

/** The connection string without credentials, for provenance and messages. */
export const redactConnectionString = (connectionString: string): string =>
  connectionString.replace(/^(esdb(?:\+discover)?:\/\/)[^@/]*@/, "$1");

/**
 * Connects to EventStoreDB (single node `esdb://host:2113`, cluster `esdb://a:2113,b:2113,c:2113` or
 * `esdb+discover://dns-name:2113`). With `verifyConnection` (default) it reads the head of `$all` before
 * returning, so a wrong address or missing permission is reported here, within attempts × timeout.
 */
export const connectEventStoreDb = async (
  connectionString: string,
  options: EventStoreDbOptions = {},
): Promise<Either<EventStoreDbConnectError, EventStoreDbEventStore>> => {
  const parsedOptions = optionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    const issue = parsedOptions.error.issues[0];
    return E.left({
      _tag: "InvalidEventStoreDbConfig",
      field: issue?.path.join(".") || "options",
      message: issue?.message ?? "invalid options",
    });
  }
  const parsedString = connectionStringSchema.safeParse(connectionString);
  if (!parsedString.success) {
    return E.left({
      _tag: "InvalidEventStoreDbConfig",
      field: "connectionString",
      message: parsedString.error.issues[0]?.message ?? "invalid connection string",
    });
  }
  const settings = parsedOptions.data;
  const location = redactConnectionString(parsedString.data);
  let inner: StreamsGateway;
  try {
    inner = DbClientGateway.fromConnectionString(parsedString.data, settings.operationTimeoutMs);
  } catch (error) {
    return E.left({
      _tag: "InvalidEventStoreDbConfig",
      field: "connectionString",
      message: error instanceof Error ? error.message : String(error),
    });
  }
  const gateway = resilientGateway(inner, {
    attempts: settings.attempts,
    backoffMs: settings.retryBackoffMs,
    timeoutMs: settings.operationTimeoutMs,
  });
  const store = new EventStoreDbEventStore(gateway, { kind: "eventstoredb", location });
  if (settings.verifyConnection) {
    try {
      // Read to its end, not cancelled (see EventStoreDbEventStore.lastOf).
      for await (const _ of gateway.readAll({ direction: "backwards", from: "end", maxCount: 1 })) {
      }
    } catch (error) {
      await store.close();
      if (!(error instanceof EventStoreDbError)) throw error;
      return E.left({
        _tag: "EventStoreDbUnreachable",
        location,
        attempts: settings.attempts,
        message: `cannot use EventStoreDB at ${location}: ${error.message}`,
        cause: error,
      });
    }
  }
  return E.right(store);
};
