import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { AppendSignal } from "./append-signal.js";
import { catchUpSubscription } from "./catch-up-subscription.js";
import { type Clock, systemClock } from "./clock.js";
import type { NewEvent, RecordedEvent } from "./envelope.js";
import { type AppendError, streamDeleted, wrongExpectedRevision } from "./errors.js";
import type {
  AppendResult,
  EventStore,
  ImportResult,
  ReadAllOptions,
  ReadStreamOptions,
  StoreDescription,
  StreamMetadata,
  StreamState,
  SubscribeOptions,
  Subscription,
} from "./event-store.js";
import { describeExpected, type ExpectedRevision, isExpectedRevision } from "./expected-revision.js";
import { STREAM_BATCH_EVENTS } from "./read-stream-batches.js";
import { resolveStreamRange } from "./stream-range.js";

interface StreamEntry {
  /** Global positions of the stream's events; in this store the position is the index in `log`. */
  readonly positions: number[];
  deleted: boolean;
  metadata: StreamMetadata | null;
}

/** The default store for tests and demos: one array for the global log, one index array per stream. */
export class InMemoryEventStore implements EventStore {
  readonly soleWriter = true;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, StreamEntry>();
  /** Per namespace (the part of a stream id before its first `/`): the positions of its events, in order. */
  private readonly namespaces = new Map<string, number[]>();
  private readonly appended = new AppendSignal();
  private lastRecordedAt = "";

  constructor(private readonly clock: Clock = systemClock) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Either<AppendError, AppendResult>> {
    return this.appendNow(streamId, events, expected);
  }

  /** Synchronous core of `append`: the check and the write cannot interleave with another append. */
  appendNow(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Either<AppendError, AppendResult> {
    const entry = this.streams.get(streamId);
    if (entry?.deleted === true) return E.left(streamDeleted(streamId));
    const current = entry === undefined || entry.positions.length === 0 ? null : entry.positions.length - 1;
    if (!isExpectedRevision(expected, current)) {
      return E.left(wrongExpectedRevision(streamId, describeExpected(expected), current));
    }
    const target = entry ?? { positions: [], deleted: false, metadata: null };
    if (entry === undefined) this.streams.set(streamId, target);
    const recordedAt = this.nextRecordedAt();
    const positions: number[] = [];
    for (const event of events) {
      const position = this.log.length;
      this.log.push({
        eventId: event.eventId,
        streamId,
        revision: target.positions.length,
        position,
        type: event.type,
        version: event.version,
        data: event.data,
        occurredAt: event.occurredAt,
        recordedAt,
        correlationId: event.correlationId,
        causationId: event.causationId,
        actor: event.actor,
      });
      target.positions.push(position);
      this.indexNamespace(streamId, position);
      positions.push(position);
    }
    if (events.length > 0) this.appended.notify();
    return E.right({ nextExpectedRevision: target.positions.length - 1, positions });
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    for (const batch of this.streamBatches(streamId, options)) yield* batch;
  }

  readStreamBatches(
    streamId: string,
    options: ReadStreamOptions = {},
  ): AsyncIterable<readonly RecordedEvent[]> {
    // A plain iterator over the synchronous batches: one settled promise per batch, no generator machinery.
    return {
      [Symbol.asyncIterator]: () => {
        const batches = this.streamBatches(streamId, options);
        return {
          next: () => Promise.resolve(batches.next()),
          return: () => Promise.resolve(batches.return(undefined)),
        };
      },
    };
  }

  /** The stream's events in arrays of at most `STREAM_BATCH_EVENTS`, each built when it is asked for. */
  private *streamBatches(streamId: string, options: ReadStreamOptions): Generator<RecordedEvent[], void> {
    const entry = this.streams.get(streamId);
    if (entry === undefined || entry.deleted) return;
    const range = resolveStreamRange(entry.positions.length, options);
    let batch: RecordedEvent[] = [];
    for (let i = range.start; range.step > 0 ? i < range.end : i > range.end; i += range.step) {
      const position = entry.positions[i];
      if (position === undefined) break;
      batch.push(this.log[position] as RecordedEvent);
      if (batch.length >= STREAM_BATCH_EVENTS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const start = options.after === undefined || options.after === null ? 0 : options.after + 1;
    const end = options.maxCount === undefined ? Number.POSITIVE_INFINITY : start + options.maxCount;
    // Reads up to the log's length at each step, so events appended during the read are included.
    for (let i = start; i < this.log.length && i < end; i++) yield this.log[i] as RecordedEvent;
  }

  async *readNamespace(namespace: string, options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const positions = this.namespaces.get(namespace);
    if (positions === undefined) return;
    const after = options.after ?? -1;
    let max = options.maxCount ?? Number.POSITIVE_INFINITY;
    // The first position after `after`, by binary search; positions appended during the read are included.
    let low = 0;
    let high = positions.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((positions[mid] as number) <= after) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < positions.length && max > 0; i++, max--)
      yield this.log[positions[i] as number] as RecordedEvent;
  }

  async namespaceHeadPosition(namespace: string): Promise<number | null> {
    const positions = this.namespaces.get(namespace);
    return positions === undefined || positions.length === 0
      ? null
      : (positions[positions.length - 1] as number);
  }

  private indexNamespace(streamId: string, position: number): void {
    const slash = streamId.indexOf("/");
    if (slash <= 0) return;
    const namespace = streamId.slice(0, slash);
    const positions = this.namespaces.get(namespace);
    if (positions === undefined) this.namespaces.set(namespace, [position]);
    else positions.push(position);
  }

  /** Synchronous iteration over the log for hot in-process replays (no promise per event). */
  *events(after: number | null = null): IterableIterator<RecordedEvent> {
    for (let i = after === null ? 0 : after + 1; i < this.log.length; i++) yield this.log[i] as RecordedEvent;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    return catchUpSubscription(
      {
        readAll: (after) => this.readAll({ after }),
        waitForAppend: (after, signal) => this.waitForAppend(after, signal),
      },
      options.after ?? null,
      options.filter,
    );
  }

  async streamState(streamId: string): Promise<StreamState> {
    const entry = this.streams.get(streamId);
    if (entry === undefined) return { revision: null, deleted: false };
    return {
      revision: entry.positions.length === 0 ? null : entry.positions.length - 1,
      deleted: entry.deleted,
    };
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | null> {
    return this.streams.get(streamId)?.metadata ?? null;
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    const entry = this.streams.get(streamId);
    if (entry === undefined)
      this.streams.set(streamId, { positions: [], deleted: false, metadata: structuredClone(metadata) });
    else entry.metadata = structuredClone(metadata);
  }

  async deleteStream(streamId: string, expected: ExpectedRevision): Promise<Either<AppendError, void>> {
    const entry = this.streams.get(streamId);
    if (entry?.deleted === true) return E.left(streamDeleted(streamId));
    const current = entry === undefined || entry.positions.length === 0 ? null : entry.positions.length - 1;
    if (!isExpectedRevision(expected, current)) {
      return E.left(wrongExpectedRevision(streamId, describeExpected(expected), current));
    }
    if (entry === undefined) this.streams.set(streamId, { positions: [], deleted: true, metadata: null });
    else entry.deleted = true;
    return E.right(undefined);
  }

  async importHistory(events: AsyncIterable<RecordedEvent>): Promise<Either<AppendError, ImportResult>> {
    let count = 0;
    const streams = new Set<string>();
    for await (const event of events) {
      const entry = this.streams.get(event.streamId) ?? { positions: [], deleted: false, metadata: null };
      if (entry.deleted) return E.left(streamDeleted(event.streamId));
      if (event.revision !== entry.positions.length) {
        const current = entry.positions.length === 0 ? null : entry.positions.length - 1;
        return E.left(
          wrongExpectedRevision(
            event.streamId,
            event.revision === 0 ? "no_stream" : String(event.revision - 1),
            current,
          ),
        );
      }
      this.streams.set(event.streamId, entry);
      const position = this.log.length;
      this.log.push({ ...event, position });
      entry.positions.push(position);
      this.indexNamespace(event.streamId, position);
      if (event.recordedAt > this.lastRecordedAt) this.lastRecordedAt = event.recordedAt;
      streams.add(event.streamId);
      count++;
    }
    this.appended.notify();
    return E.right({ events: count, streams: streams.size, headPosition: await this.headPosition() });
  }

  async headPosition(): Promise<number | null> {
    return this.log.length === 0 ? null : this.log.length - 1;
  }

  describe(): StoreDescription {
    return { kind: "memory", location: "in-process" };
  }

  async close(): Promise<void> {
    this.appended.notify();
  }

  private nextRecordedAt(): string {
    const now = this.clock.now();
    if (now > this.lastRecordedAt) this.lastRecordedAt = now;
    return this.lastRecordedAt;
  }

  private waitForAppend(after: number | null, signal: AbortSignal): Promise<void> {
    if ((after ?? -1) < this.log.length - 1) return Promise.resolve();
    return this.appended.wait(signal);
  }
}
