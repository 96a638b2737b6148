import { EventStoreDbError } from "./errors.js";
import type { GatewayRead, LiveEvents, ServerFilter, StoredEvent, StreamsGateway } from "./gateway.js";

/** Bounds on every call: a fault surfaces as an `EventStoreDbError` within about attempts × timeout, never a hang. */
export interface ResiliencePolicy {
  /** Tries per operation when the server is unreachable (1 = no retry). */
  readonly attempts: number;
  /** Wait before the first retry; doubled before each further one. */
  readonly backoffMs: number;
  /** Per attempt: time allowed for a unary call, or for a read's first event (or end), or a subscription's confirmation. */
  readonly timeoutMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isRetryable = (error: unknown): boolean =>
  error instanceof EventStoreDbError && error.reason === "unreachable";

const exhausted = (error: unknown, attempts: number): unknown =>
  error instanceof EventStoreDbError && attempts > 1
    ? new EventStoreDbError(error.reason, error.operation, `${error.detail} (after ${attempts} attempts)`, {
        cause: error.cause ?? error,
      })
    : error;

/** Rejects with a `timeout` error when `promise` has not settled within `ms`; `onTimeout` releases what it holds. */
export const withTimeout = <T>(
  promise: Promise<T>,
  ms: number,
  operation: string,
  onTimeout?: () => void,
): Promise<T> => {
  // A late rejection after the timeout must not become an unhandled rejection.
  promise.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new EventStoreDbError("timeout", operation, `no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const retrying = async <T>(
  policy: ResiliencePolicy,
  operation: string,
  run: () => Promise<T>,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTimeout(run(), policy.timeoutMs, operation);
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.attempts) throw exhausted(error, attempt);
      await sleep(policy.backoffMs * 2 ** (attempt - 1));
    }
  }
};

/** A read is retried only until its first event arrives: after that a retry could repeat events. */
const retryingRead = (
  policy: ResiliencePolicy,
  operation: string,
  open: () => AsyncIterable<StoredEvent>,
): AsyncIterable<StoredEvent> => ({
  async *[Symbol.asyncIterator]() {
    for (let attempt = 1; ; attempt++) {
      const iterator = open()[Symbol.asyncIterator]();
      let step: IteratorResult<StoredEvent>;
      try {
        step = await withTimeout(
          iterator.next(),
          policy.timeoutMs,
          operation,
          () => void iterator.return?.(),
        );
      } catch (error) {
        if (!isRetryable(error) || attempt >= policy.attempts) throw exhausted(error, attempt);
        await sleep(policy.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      try {
        while (step.done !== true) {
          yield step.value;
          step = await iterator.next();
        }
      } finally {
        if (step.done !== true) await iterator.return?.();
      }
      return;
    }
  },
});

/** A live subscription that re-subscribes after the last event it delivered when the connection drops. */
const resubscribing = (
  policy: ResiliencePolicy,
  subscribe: (after: number | null) => LiveEvents,
  after: number | null,
): LiveEvents => {
  let closed = false;
  let current: LiveEvents | undefined;
  let markClosed: () => void = () => {};
  const closing = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  let confirm: () => void = () => {};
  let refuse: (error: unknown) => void = () => {};
  const confirmed = new Promise<void>((resolve, reject) => {
    confirm = resolve;
    refuse = reject;
  });
  confirmed.catch(() => {});
  async function* run(): AsyncGenerator<StoredEvent> {
    let last = after;
    let failures = 0;
    while (!closed) {
      const live = subscribe(last);
      current = live;
      try {
        // Closing while the server has not confirmed yet must end the wait, not let it run into the timeout.
        await Promise.race([
          withTimeout(live.confirmed, policy.timeoutMs, "subscribe to $all", () => void live.close()),
          closing,
        ]);
        if (closed) return;
        confirm();
        for await (const event of live) {
          failures = 0;
          if (event.position !== null) last = event.position;
          yield event;
        }
        return;
      } catch (error) {
        await live.close();
        if (closed) return;
        failures++;
        if (!isRetryable(error) || failures >= policy.attempts) {
          const final = exhausted(error, failures);
          refuse(final);
          throw final;
        }
        await sleep(policy.backoffMs * 2 ** (failures - 1));
      }
    }
  }
  const iterator = run();
  return {
    confirmed,
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      markClosed();
      await current?.close();
    },
  };
};

/** Puts the policy around every gateway operation. */
export const resilientGateway = (inner: StreamsGateway, policy: ResiliencePolicy): StreamsGateway => ({
  append: (streamId, events, expected) =>
    retrying(policy, `append to '${streamId}'`, () => inner.append(streamId, events, expected)),
  tombstone: (streamId, expected) =>
    retrying(policy, `tombstone '${streamId}'`, () => inner.tombstone(streamId, expected)),
  readStream: (streamId: string, options: GatewayRead<number>) =>
    retryingRead(policy, `read '${streamId}'`, () => inner.readStream(streamId, options)),
  readAll: (options: GatewayRead<number>) => retryingRead(policy, "read $all", () => inner.readAll(options)),
  subscribeToAll: (after: number | null, filter: ServerFilter) =>
    resubscribing(policy, (from) => inner.subscribeToAll(from, filter), after),
  close: () => inner.close(),
});
