import {
  AccessDeniedError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  CancelledError,
  DeadlineExceededError,
  EventStoreDBClient,
  eventTypeFilter,
  type Filter,
  type JSONType,
  jsonEvent,
  MaxAppendSizeExceededError,
  NotLeaderError,
  type ResolvedEvent,
  StreamDeletedError,
  type StreamingRead,
  StreamNotFoundError,
  streamNameFilter,
  UnavailableError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import type { ExpectedRevision } from "@insieme/kernel";
import { EventStoreDbError } from "./errors.js";
import {
  type GatewayRead,
  type LiveEvents,
  type ProposedEvent,
  type ServerFilter,
  type StoredEvent,
  StreamAbsent,
  type StreamsGateway,
  type WriteOutcome,
} from "./gateway.js";
import { withTimeout } from "./resilience.js";

/** The `StreamsGateway` on `@eventstore/db-client` 6: the only module that imports the client library. */
export class DbClientGateway implements StreamsGateway {
  /** Whether any call was made, i.e. whether the client may hold a channel to close. */
  private used = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly deadlineMs: number,
  ) {}

  /** Throws the client's own error for a malformed connection string. */
  static fromConnectionString(connectionString: string, deadlineMs: number): DbClientGateway {
    return new DbClientGateway(EventStoreDBClient.connectionString(connectionString), deadlineMs);
  }

  async append(
    streamId: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): Promise<WriteOutcome> {
    const operation = `append to '${streamId}'`;
    this.used = true;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: e.metadata as JSONType }),
        ),
        { expectedRevision: toClientExpected(expected), deadline: this.deadlineMs },
      );
      return {
        kind: "written",
        revision: toNumber(result.nextExpectedRevision, operation),
        position: result.position === undefined ? null : toNumber(result.position.commit, operation),
      };
    } catch (error) {
      return writeFailure(error, operation);
    }
  }

  async tombstone(streamId: string, expected: ExpectedRevision): Promise<WriteOutcome> {
    const operation = `tombstone '${streamId}'`;
    this.used = true;
    try {
      const result = await this.client.tombstoneStream(streamId, {
        // The client's types omit "stream_exists" for tombstones, but it sends it (TombstoneReq has the option).
        expectedRevision: toClientExpected(expected) as ExpectedTombstoneRevision,
        deadline: this.deadlineMs,
      });
      return {
        kind: "written",
        revision: -1,
        position: result.position ? toNumber(result.position.commit, operation) : null,
      };
    } catch (error) {
      return writeFailure(error, operation);
    }
  }

  readStream(streamId: string, options: GatewayRead<number>): AsyncIterable<StoredEvent> {
    const operation = `read '${streamId}'`;
    this.used = true;
    return iterate(
      () =>
        this.client.readStream(streamId, {
          direction: options.direction,
          fromRevision: typeof options.from === "number" ? BigInt(options.from) : options.from,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        }),
      operation,
      streamId,
    );
  }

  readAll(options: GatewayRead<number>): AsyncIterable<StoredEvent> {
    this.used = true;
    return iterate(
      () =>
        this.client.readAll({
          direction: options.direction,
          fromPosition: typeof options.from === "number" ? allPosition(options.from) : options.from,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        }),
      "read $all",
      null,
    );
  }

  subscribeToAll(after: number | null, filter: ServerFilter): LiveEvents {
    this.used = true;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === null ? "start" : allPosition(after),
      filter: clientFilter(filter),
    });
    const confirmed = new Promise<void>((resolve, reject) => {
      subscription.once("confirmation", () => resolve());
      subscription.once("error", (error: unknown) => reject(failure(error, "subscribe to $all")));
    });
    // Observed by whoever awaits it; an unobserved rejection must not crash the process.
    confirmed.catch(() => {});
    // Errors reach the consumer through the iterator; this keeps one emitted after close from crashing.
    subscription.on("error", () => {});
    return subscriptionEvents(subscription, confirmed);
  }

  async close(): Promise<void> {
    await this.client.dispose();
    if (!this.used) return;
    // The client has no close(); without closing its channel an idle connection keeps the process alive.
    // Asking for the channel may start a cluster discovery again when the last one failed: bounded, best effort.
    const owner = this.client as unknown as ChannelOwner;
    const channel = await withTimeout(owner.getChannel(), 1_000, "close").catch(() => undefined);
    channel?.close();
  }
}

interface ChannelOwner {
  getChannel(): Promise<{ close(): void }>;
}

type ExpectedTombstoneRevision = Exclude<AppendExpectedRevision, "stream_exists">;

/** gRPC status codes (a fixed part of the gRPC protocol), without depending on a gRPC library here. */
const status = {
  CANCELLED: 1,
  DEADLINE_EXCEEDED: 4,
  PERMISSION_DENIED: 7,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const grpcCode = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "number"
    ? error.code
    : undefined;

const toClientExpected = (expected: ExpectedRevision): AppendExpectedRevision =>
  typeof expected === "number" ? BigInt(expected) : expected;

const allPosition = (commit: number) => ({ commit: BigInt(commit), prepare: BigInt(commit) });

/** Positions and revisions are uint64 on the wire; beyond 2^53 a number would silently lose precision. */
const toNumber = (value: bigint, operation: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new EventStoreDbError("server-error", operation, `value ${value} does not fit a JavaScript number`);
  }
  return Number(value);
};

/** Positions of 2^63 and above are the server's "no position" marker. */
const NO_POSITION = 2n ** 63n;
const MAX_REVISION = BigInt(Number.MAX_SAFE_INTEGER);

const clientFilter = (filter: ServerFilter): Filter => {
  const make = filter.on === "stream-name" ? streamNameFilter : eventTypeFilter;
  return "prefixes" in filter ? make({ prefixes: [...filter.prefixes] }) : make({ regex: filter.regex });
};

const writeFailure = (error: unknown, operation: string): WriteOutcome => {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion;
    return {
      kind: "wrong-revision",
      actual: actual === "no_stream" || actual < 0n ? null : toNumber(actual, operation),
    };
  }
  if (error instanceof StreamDeletedError) return { kind: "deleted" };
  throw failure(error, operation);
};

/** Maps the client's errors to the adapter's one infrastructure error. */
export const failure = (error: unknown, operation: string): EventStoreDbError => {
  if (error instanceof EventStoreDbError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError
  ) {
    return new EventStoreDbError("unreachable", operation, message, { cause: error });
  }
  if (error instanceof DeadlineExceededError)
    return new EventStoreDbError("timeout", operation, message, { cause: error });
  if (error instanceof AccessDeniedError)
    return new EventStoreDbError("access-denied", operation, message, { cause: error });
  if (error instanceof MaxAppendSizeExceededError) {
    return new EventStoreDbError("too-large", operation, message, { cause: error });
  }
  // Some paths of the client (e.g. an append's request stream) pass gRPC errors on unconverted.
  switch (grpcCode(error)) {
    case status.UNAVAILABLE:
    case status.CANCELLED:
      return new EventStoreDbError("unreachable", operation, message, { cause: error });
    case status.DEADLINE_EXCEEDED:
      return new EventStoreDbError("timeout", operation, message, { cause: error });
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return new EventStoreDbError("access-denied", operation, message, { cause: error });
    default:
      return new EventStoreDbError("server-error", operation, message, { cause: error });
  }
};

const toStored = (
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  operation: string,
): StoredEvent | null => {
  const event = resolved.event;
  if (event === undefined) return null;
  const commit = event.position?.commit ?? resolved.commitPosition;
  return {
    id: event.id,
    streamId: event.streamId,
    // A tombstone record in $all carries the deleted-stream marker (2^63 - 1) as its revision.
    revision: event.revision > MAX_REVISION ? Number.POSITIVE_INFINITY : toNumber(event.revision, operation),
    position: commit === undefined || commit >= NO_POSITION ? null : toNumber(commit, operation),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    created: event.created,
  };
};

/**
 * A client read as an async iterable whose `return()` really ends the gRPC call: the client's streams swallow
 * their own cancellation, so the stream is cancelled and destroyed rather than waited for.
 */
const iterate = (
  open: () => StreamingRead<ResolvedEvent | AllStreamResolvedEvent>,
  operation: string,
  streamId: string | null,
): AsyncIterable<StoredEvent> => ({
  [Symbol.asyncIterator]: () => {
    const stream = open();
    // Errors reach the consumer through the iterator; this keeps one emitted after the end from crashing.
    stream.on("error", () => {});
    const source = stream[Symbol.asyncIterator]();
    let finished = false;
    const stop = async (): Promise<IteratorResult<StoredEvent>> => {
      if (!finished) {
        finished = true;
        await stream.cancel();
        stream.destroy();
      }
      return { done: true, value: undefined };
    };
    return {
      next: async (): Promise<IteratorResult<StoredEvent>> => {
        while (!finished) {
          let step: IteratorResult<ResolvedEvent | AllStreamResolvedEvent>;
          try {
            step = await source.next();
          } catch (error) {
            finished = true;
            if (streamId !== null && error instanceof StreamNotFoundError)
              throw new StreamAbsent(streamId, false);
            if (streamId !== null && error instanceof StreamDeletedError)
              throw new StreamAbsent(streamId, true);
            throw failure(error, operation);
          }
          if (step.done) {
            finished = true;
            break;
          }
          const stored = toStored(step.value, operation);
          if (stored !== null) return { done: false, value: stored };
        }
        return { done: true, value: undefined };
      },
      return: stop,
    };
  },
});

const subscriptionEvents = (subscription: AllStreamSubscription, confirmed: Promise<void>): LiveEvents => {
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await subscription.unsubscribe();
    subscription.destroy();
  };
  return {
    confirmed,
    close,
    [Symbol.asyncIterator]: () => {
      const source = subscription[Symbol.asyncIterator]();
      return {
        next: async (): Promise<IteratorResult<StoredEvent>> => {
          while (!closed) {
            let step: IteratorResult<AllStreamResolvedEvent>;
            try {
              step = await source.next();
            } catch (error) {
              if (closed) break;
              throw failure(error, "subscribe to $all");
            }
            if (step.done) break;
            const stored = toStored(step.value, "subscribe to $all");
            if (stored !== null) return { done: false, value: stored };
          }
          return { done: true, value: undefined };
        },
        return: async (): Promise<IteratorResult<StoredEvent>> => {
          await close();
          return { done: true, value: undefined };
        },
      };
    },
  };
};
