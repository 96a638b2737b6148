import { randomUUID } from "node:crypto";
import {
  type AppendError,
  type AppendResult,
  describeExpected,
  type EventStore,
  type ExpectedRevision,
  type ImportResult,
  isExpectedRevision,
  matchesFilter,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoreDescription,
  type StreamMetadata,
  type StreamState,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionMessage,
  streamDeleted,
  wrongExpectedRevision,
} from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { EventStoreDbError } from "./errors.js";
import { decodeEvent, encodeEvent } from "./event-codec.js";
import {
  type ProposedEvent,
  type StoredEvent,
  StreamAbsent,
  type StreamsGateway,
  type WriteOutcome,
} from "./gateway.js";
import { isInsiemeEvent, serverFilterFor } from "./visibility.js";

/** EventStoreDB's metadata stream of a stream, and the event type of its entries. */
const metastreamOf = (streamId: string): string => `$$${streamId}`;
const METADATA_EVENT_TYPE = "$metadata";

/** Import appends consecutive events of one stream together, in batches well under the default 1 MiB append limit. */
const IMPORT_BATCH_EVENTS = 200;
const IMPORT_BATCH_BYTES = 512 * 1024;

/**
 * The kernel `EventStore` port on EventStoreDB. Global positions are `$all` commit positions; the kernel envelope
 * travels in event metadata; EventStoreDB's own events and the checkpoint streams are not part of the Insieme log.
 */
export class EventStoreDbEventStore implements EventStore {
  constructor(
    private readonly gateway: StreamsGateway,
    private readonly description: StoreDescription,
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Either<AppendError, AppendResult>> {
    assertWritable(streamId);
    if (events.length === 0) return this.checkOnly(streamId, expected);
    const outcome = await this.gateway.append(
      streamId,
      events.map((e) => encodeEvent(e)),
      expected,
    );
    if (outcome.kind !== "written") return E.left(appendError(streamId, expected, outcome));
    return E.right({
      nextExpectedRevision: outcome.revision,
      positions: await this.positionsOf(streamId, outcome.revision, events.length, outcome.position),
    });
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const direction = options.direction ?? "forwards";
    const requested = options.fromRevision ?? (direction === "forwards" ? "start" : "end");
    // Forwards from "end" reads nothing; backwards from "start" is the first event, i.e. from revision 0.
    if (direction === "forwards" && requested === "end") return;
    const from = direction === "backwards" && requested === "start" ? 0 : requested;
    try {
      for await (const stored of this.gateway.readStream(streamId, {
        direction,
        from,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      })) {
        yield decodeEvent(stored);
      }
    } catch (error) {
      if (error instanceof StreamAbsent) return;
      throw error;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const after = options.after ?? null;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    for await (const stored of this.gateway.readAll({ direction: "forwards", from: after ?? "start" })) {
      if (!isVisible(stored, after)) continue;
      yield decodeEvent(stored);
      if (--remaining <= 0) return;
    }
  }

  /**
   * History comes from reading `$all` (so `caughtUp` is exact on every server version), then a server-filtered
   * `$all` subscription takes over from the last position read.
   */
  subscribe(options: SubscribeOptions = {}): Subscription {
    const { filter } = options;
    const gateway = this.gateway;
    let closed = false;
    let live: { close(): Promise<void> } | undefined;
    const readAll = (after: number | null) => this.readAll({ after });
    async function* run(): AsyncGenerator<SubscriptionMessage> {
      let last = options.after ?? null;
      for await (const event of readAll(last)) {
        if (closed) return;
        last = event.position;
        if (matchesFilter(filter, event.streamId, event.type)) yield { kind: "event", event };
      }
      if (closed) return;
      yield { kind: "caughtUp", position: last };
      const subscription = gateway.subscribeToAll(last, serverFilterFor(filter));
      live = subscription;
      if (closed) await subscription.close();
      for await (const stored of subscription) {
        if (closed) return;
        if (!isVisible(stored, last)) continue;
        const event = decodeEvent(stored);
        last = event.position;
        if (matchesFilter(filter, event.streamId, event.type)) yield { kind: "event", event };
      }
    }
    const iterator = run();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        await live?.close();
      },
    };
  }

  async streamState(streamId: string): Promise<StreamState> {
    try {
      const last = await this.lastOf(streamId);
      return { revision: last?.revision ?? null, deleted: false };
    } catch (error) {
      // A tombstoned stream no longer tells its last revision.
      if (error instanceof StreamAbsent) return { revision: null, deleted: error.deleted };
      throw error;
    }
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | null> {
    try {
      const last = await this.lastOf(metastreamOf(streamId));
      return last !== null && isRecord(last.data) ? last.data : null;
    } catch (error) {
      if (error instanceof StreamAbsent) return null;
      throw error;
    }
  }

  /** Written as EventStoreDB stream metadata as it is: `$`-keys (`$maxCount`, `$maxAge`, `$acl`...) take effect. */
  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    const event: ProposedEvent = {
      id: randomUUID(),
      type: METADATA_EVENT_TYPE,
      data: metadata,
      metadata: {},
    };
    const outcome = await this.gateway.append(metastreamOf(streamId), [event], "any");
    if (outcome.kind === "deleted") {
      throw new EventStoreDbError("server-error", `set metadata of '${streamId}'`, "the stream is deleted");
    }
  }

  async deleteStream(streamId: string, expected: ExpectedRevision): Promise<Either<AppendError, void>> {
    assertWritable(streamId);
    const outcome = await this.gateway.tombstone(streamId, expected);
    return outcome.kind === "written" ? E.right(undefined) : E.left(appendError(streamId, expected, outcome));
  }

  /**
   * Consecutive events of one stream go in one append (expecting the revision before the first), so a clash with
   * an existing stream fails at its first event, as the port requires, and nothing after it is written.
   */
  async importHistory(events: AsyncIterable<RecordedEvent>): Promise<Either<AppendError, ImportResult>> {
    const streams = new Set<string>();
    let count = 0;
    let batch: RecordedEvent[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<AppendError | null> => {
      const first = batch[0];
      if (first === undefined) return null;
      const expected: ExpectedRevision = first.revision === 0 ? "no_stream" : first.revision - 1;
      const outcome = await this.gateway.append(
        first.streamId,
        batch.map((e) => encodeEvent(e, e.recordedAt)),
        expected,
      );
      batch = [];
      batchBytes = 0;
      return outcome.kind === "written" ? null : appendError(first.streamId, expected, outcome);
    };
    for await (const event of events) {
      const previous = batch[batch.length - 1];
      const continues =
        previous !== undefined &&
        previous.streamId === event.streamId &&
        previous.revision + 1 === event.revision;
      if (!continues || batch.length >= IMPORT_BATCH_EVENTS || batchBytes >= IMPORT_BATCH_BYTES) {
        const failed = await flush();
        if (failed !== null) return E.left(failed);
      }
      batch.push(event);
      batchBytes += JSON.stringify(event.data)?.length ?? 0;
      streams.add(event.streamId);
      count++;
    }
    const failed = await flush();
    if (failed !== null) return E.left(failed);
    return E.right({ events: count, streams: streams.size, headPosition: await this.headPosition() });
  }

  /**
   * Reads `$all` backwards, a page at a time, past EventStoreDB's own events (statistics, links, metadata,
   * checkpoints) to the last Insieme event.
   */
  async headPosition(): Promise<number | null> {
    let from: number | "end" = "end";
    for (;;) {
      const page = await drain(this.gateway.readAll({ direction: "backwards", from, maxCount: HEAD_PAGE }));
      const found = page.find((e) => isInsiemeEvent(e.streamId, e.type) && e.position !== null);
      if (found !== undefined) return found.position;
      const oldest = page[page.length - 1];
      if (page.length < HEAD_PAGE || oldest?.position == null) return null;
      from = oldest.position;
    }
  }

  describe(): StoreDescription {
    return this.description;
  }

  async close(): Promise<void> {
    await this.gateway.close();
  }

  /**
   * The last event of a stream. The one-event read is consumed to its end rather than cancelled: servers (and
   * HTTP/2 stacks) close connections that reset many streams quickly, and this read runs for every command.
   */
  private async lastOf(streamId: string): Promise<StoredEvent | null> {
    const [last] = await drain(
      this.gateway.readStream(streamId, { direction: "backwards", from: "end", maxCount: 1 }),
    );
    return last ?? null;
  }

  /** An empty append writes nothing, so the expectation is checked against the stream's current state. */
  private async checkOnly(
    streamId: string,
    expected: ExpectedRevision,
  ): Promise<Either<AppendError, AppendResult>> {
    const state = await this.streamState(streamId);
    if (state.deleted) return E.left(streamDeleted(streamId));
    if (!isExpectedRevision(expected, state.revision)) {
      return E.left(wrongExpectedRevision(streamId, describeExpected(expected), state.revision));
    }
    return E.right({ nextExpectedRevision: state.revision ?? -1, positions: [] });
  }

  /**
   * The append answer carries one position; for a single event it is that event's. For more, the appended
   * revisions are read back (they are this writer's: nobody else can have written them).
   */
  private async positionsOf(
    streamId: string,
    last: number,
    count: number,
    answered: number | null,
  ): Promise<number[]> {
    if (count === 1 && answered !== null) return [answered];
    const positions: number[] = [];
    for await (const stored of this.gateway.readStream(streamId, {
      direction: "backwards",
      from: last,
      maxCount: count,
    })) {
      positions.push(decodeEvent(stored).position);
    }
    if (positions.length !== count) {
      throw new EventStoreDbError(
        "server-error",
        `append to '${streamId}'`,
        `appended ${count} events but could read back only ${positions.length} (is $maxCount below the batch size?)`,
      );
    }
    return positions.reverse();
  }
}

const HEAD_PAGE = 256;

/** Reads a bounded read to its end (see `lastOf`). */
const drain = async (events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
};

const isVisible = (stored: StoredEvent, after: number | null): boolean =>
  isInsiemeEvent(stored.streamId, stored.type) &&
  (after === null || stored.position === null || stored.position > after);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `$` streams are EventStoreDB's own: events written there would never show in the Insieme log. */
const assertWritable = (streamId: string): void => {
  if (streamId.length === 0 || streamId.startsWith("$")) {
    throw new RangeError(`stream id '${streamId}' is reserved by EventStoreDB (empty or starting with '$')`);
  }
};

const appendError = (
  streamId: string,
  expected: ExpectedRevision,
  outcome: Exclude<WriteOutcome, { kind: "written" }>,
) =>
  outcome.kind === "deleted"
    ? streamDeleted(streamId)
    : wrongExpectedRevision(streamId, describeExpected(expected), outcome.actual);
