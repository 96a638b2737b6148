import type { FileHandle } from "node:fs/promises";
import {
  type AppendError,
  type AppendResult,
  AppendSignal,
  type Clock,
  catchUpSubscription,
  describeExpected,
  type EventStore,
  type ExpectedRevision,
  type ImportResult,
  isExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  resolveStreamRange,
  type StoreDescription,
  type StreamMetadata,
  type StreamState,
  type SubscribeOptions,
  type Subscription,
  streamDeleted,
  wrongExpectedRevision,
} from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { checkMetadata, checkNewEvent, eventBody, metadataBody, tombstoneBody } from "./event-codec.js";
import { GroupCommit, type PendingRecord } from "./group-commit.js";
import type { IndexedRecord, JournalIndex } from "./journal-index.js";
import type { HeldLock } from "./journal-lock.js";
import { DEFAULT_CHUNK_BYTES } from "./line-chunks.js";
import { sealRecord } from "./record-format.js";
import {
  type ReadContext,
  readAllEvents,
  readNamespaceEvents,
  readStoredHash,
  readStreamBatchesOf,
  readStreamEvents,
} from "./record-reads.js";
import { replaySequentially } from "./sequential-replay.js";

/** What opening found after the last complete record, and cut (writers) or left alone (read-only opens). */
export interface RecoveryReport {
  readonly bytesCut: number;
  /** Lines those bytes held, a torn last line included. */
  readonly recordsCut: number;
}

/** Counters for benchmarks: group commit shows as `fsyncs` much lower than `appends`. */
export interface JournalStats {
  readonly appends: number;
  readonly events: number;
  readonly records: number;
  readonly fsyncs: number;
  readonly bytesWritten: number;
}

/** The chain head: the last record's position (of any kind) and hash; the header's hash when there is none. */
export interface ChainHead {
  readonly position: number | null;
  readonly hash: string;
}

/** What a read-only store does to see records appended by the writer process. */
export interface FileFollower {
  /** Builds the index at the first call; then indexes complete records appended since the last call. */
  refresh(): Promise<void>;
  /** False until the index has been built. */
  readonly indexed: boolean;
  /** Takes an index a replay built of the whole file, unless the index is built or being built already. */
  adopt(index: JournalIndex): void;
  readonly pollIntervalMs: number;
}

export interface JournalParts {
  readonly path: string;
  readonly file: FileHandle;
  readonly index: JournalIndex;
  readonly clock: Clock;
  readonly keyFingerprint: string | null;
  readonly recovery: RecoveryReport;
  readonly chunkBytes: number;
  readonly chainThreadMinBytes?: number;
  /** Writer parts; absent for a read-only store. */
  readonly lock?: HeldLock;
  readonly follower?: FileFollower;
}

interface PendingStreamState {
  readonly revision: number | null;
  readonly deleted: boolean;
  /** Position of the stream's last record not yet durable. */
  readonly lastPosition: number;
}

interface MutableStats {
  appends: number;
  events: number;
  records: number;
  fsyncs: number;
  bytesWritten: number;
}

const IMPORT_BATCH_BYTES = 1024 * 1024;

/**
 * The EventStore port over a journal directory (open it with `openJournal`). Reads see durable records only:
 * the index is updated after a commit's fsync. Appends are checked against durable plus in-flight records, so
 * writers pipelining on one stream see each other's revisions.
 */
export class JournalEventStore implements EventStore {
  readonly path: string;
  readonly recovery: RecoveryReport;
  readonly readOnly: boolean;
  /** The key fingerprint the journal's header records (null: created without one). */
  readonly keyFingerprint: string | null;

  private readonly file: FileHandle;
  private readonly index: JournalIndex;
  private readonly clock: Clock;
  private readonly readContext: ReadContext;
  private readonly lock: HeldLock | null;
  private readonly commits: GroupCommit | null;
  private readonly follower: FileFollower | null;
  private readonly chainThreadMinBytes: number | undefined;
  private readonly pendingStreams = new Map<string, PendingStreamState>();
  private readonly appended = new AppendSignal();
  private readonly counters: MutableStats = { appends: 0, events: 0, records: 0, fsyncs: 0, bytesWritten: 0 };
  /** Chain state including records queued but not yet durable. */
  private nextPosition: number;
  private prevHash: string;
  private lastRecordedAt: string;
  private importing: Promise<void> | null = null;
  private closed = false;

  constructor(parts: JournalParts) {
    this.path = parts.path;
    this.recovery = parts.recovery;
    this.keyFingerprint = parts.keyFingerprint;
    this.file = parts.file;
    this.index = parts.index;
    this.clock = parts.clock;
    this.readContext = {
      file: parts.file,
      index: parts.index,
      path: parts.path,
      chunkBytes: parts.chunkBytes,
    };
    this.lock = parts.lock ?? null;
    this.commits = parts.lock === undefined ? null : new GroupCommit((records) => this.writeDurably(records));
    this.follower = parts.follower ?? null;
    this.chainThreadMinBytes = parts.chainThreadMinBytes;
    this.readOnly = parts.lock === undefined;
    this.nextPosition = parts.index.recordCount;
    this.prevHash = parts.index.lastHash;
    this.lastRecordedAt = parts.index.lastRecordedAt;
  }

  /** A writer holds the journal's lock: no other process appends (see EventStore.soleWriter). */
  get soleWriter(): boolean {
    return !this.readOnly;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Either<AppendError, AppendResult>> {
    while (this.importing !== null) await this.importing;
    const commits = this.writable();
    for (const [i, event] of events.entries())
      checkNewEvent(event, () => `append to '${streamId}', events.${i}`);
    const state = this.writerState(streamId);
    if (state.deleted || !isExpectedRevision(expected, state.revision))
      return this.refuse(streamId, expected);
    const base = state.revision ?? -1;
    if (events.length === 0) return E.right({ nextExpectedRevision: base, positions: [] });
    const recordedAt = this.nextRecordedAt();
    const first = this.nextPosition;
    const bodies = events.map((event, i) =>
      eventBody(event, { streamId, position: first + i, revision: base + 1 + i, recordedAt }),
    );
    const pending = this.seal(bodies, (position) => ({ kind: "event", position, streamId, recordedAt }));
    this.pendingStreams.set(streamId, {
      revision: base + events.length,
      deleted: false,
      lastPosition: first + events.length - 1,
    });
    await commits.submit(pending);
    this.counters.appends++;
    this.counters.events += events.length;
    return E.right({
      nextExpectedRevision: base + events.length,
      positions: pending.map((r) => r.indexed.position),
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return readStreamEvents(this.readContext, streamId, () => this.locate(streamId, options));
  }

  readStreamBatches(
    streamId: string,
    options: ReadStreamOptions = {},
  ): AsyncIterable<readonly RecordedEvent[]> {
    return readStreamBatchesOf(this.readContext, streamId, () => this.locate(streamId, options));
  }

  /** The positions a stream read covers, in read order (after a reader's refresh); null for no events. */
  private async locate(streamId: string, options: ReadStreamOptions): Promise<Int32Array | null> {
    await this.readable();
    const state = this.index.stateOf(streamId);
    if (state === undefined || state.deleted || state.revision === null) return null;
    return this.index.eventPositions(streamId, resolveStreamRange(state.revision + 1, options));
  }

  /** One namespace's events, read through the index's positions of that namespace (no other record is read). */
  readNamespace(namespace: string, options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return readNamespaceEvents(this.readContext, namespace, async () => {
      await this.readable();
      return this.index.namespacePositions(
        namespace,
        options.after ?? null,
        options.maxCount ?? Number.POSITIVE_INFINITY,
      );
    });
  }

  async namespaceHeadPosition(namespace: string): Promise<number | null> {
    await this.readable();
    return this.index.namespaceHead(namespace);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const follower = this.follower;
    if (follower !== null && !follower.indexed && (options.after ?? null) === null) {
      return replaySequentially(
        {
          file: this.file,
          path: this.path,
          headerEnd: this.index.headerEnd,
          headerHash: this.index.headerHash,
          chunkBytes: this.readContext.chunkBytes ?? DEFAULT_CHUNK_BYTES,
          ...(this.chainThreadMinBytes === undefined
            ? {}
            : { chainThreadMinBytes: this.chainThreadMinBytes }),
          before: () => this.assertOpen(),
          built: (index) => follower.adopt(index),
        },
        maxCount,
      );
    }
    return readAllEvents(this.readContext, () => this.readable(), options.after ?? null, maxCount);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    return catchUpSubscription(
      {
        readAll: (after) => (this.closed ? emptyEvents() : this.readAll({ after })),
        waitForAppend: (after, signal) => this.waitForAppend(after, signal),
      },
      options.after ?? null,
      options.filter,
    );
  }

  async streamState(streamId: string): Promise<StreamState> {
    await this.readable();
    return this.index.stateOf(streamId) ?? { revision: null, deleted: false };
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | null> {
    await this.readable();
    const metadata = this.index.metadataOf(streamId);
    return metadata === null ? null : structuredClone(metadata);
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    while (this.importing !== null) await this.importing;
    const commits = this.writable();
    checkMetadata(metadata, `metadata of '${streamId}'`);
    const recordedAt = this.nextRecordedAt();
    const body = metadataBody(streamId, this.nextPosition, recordedAt, metadata);
    const stored = (JSON.parse(body) as { metadata: StreamMetadata }).metadata;
    await commits.submit(
      this.seal([body], (position) => ({
        kind: "metadata",
        position,
        streamId,
        recordedAt,
        metadata: stored,
      })),
    );
  }

  async deleteStream(streamId: string, expected: ExpectedRevision): Promise<Either<AppendError, void>> {
    while (this.importing !== null) await this.importing;
    const commits = this.writable();
    const state = this.writerState(streamId);
    if (state.deleted || !isExpectedRevision(expected, state.revision))
      return this.refuse(streamId, expected);
    const recordedAt = this.nextRecordedAt();
    const position = this.nextPosition;
    const pending = this.seal([tombstoneBody(streamId, position, recordedAt, state.revision)], (p) => ({
      kind: "tombstone",
      position: p,
      streamId,
      recordedAt,
    }));
    this.pendingStreams.set(streamId, { revision: state.revision, deleted: true, lastPosition: position });
    await commits.submit(pending);
    return E.right(undefined);
  }

  /**
   * Appends a history read from another store, keeping its envelopes (positions are this journal's own). Each
   * event must be its stream's next revision; at the first that is not (or hits a deleted stream) the events
   * before it stay imported and the error is returned. Records are committed in batches of about 1 MiB.
   */
  async importHistory(events: AsyncIterable<RecordedEvent>): Promise<Either<AppendError, ImportResult>> {
    while (this.importing !== null) await this.importing;
    const commits = this.writable();
    let finished: () => void = () => {};
    this.importing = new Promise<void>((resolve) => {
      finished = resolve;
    });
    let batch: PendingRecord[] = [];
    let batchBytes = 0;
    const commitBatch = async (): Promise<void> => {
      const sealed = batch;
      batch = [];
      batchBytes = 0;
      if (sealed.length > 0) await commits.submit(sealed);
    };
    try {
      const streams = new Set<string>();
      let count = 0;
      for await (const event of events) {
        checkNewEvent(event, () => `import, event ${count}`);
        const { streamId, recordedAt } = event;
        const state = this.writerState(streamId);
        const expected = state.revision === null ? 0 : state.revision + 1;
        if (state.deleted || event.revision !== expected) {
          await commitBatch();
          if (state.deleted) return E.left(streamDeleted(streamId));
          const wanted = event.revision === 0 ? "no_stream" : String(event.revision - 1);
          return E.left(wrongExpectedRevision(streamId, wanted, state.revision));
        }
        const body = eventBody(event, {
          streamId,
          position: this.nextPosition,
          revision: expected,
          recordedAt,
        });
        const sealed = this.seal([body], (position) => ({ kind: "event", position, streamId, recordedAt }));
        if (recordedAt > this.lastRecordedAt) this.lastRecordedAt = recordedAt;
        this.pendingStreams.set(streamId, {
          revision: expected,
          deleted: false,
          lastPosition: this.nextPosition - 1,
        });
        for (const record of sealed) {
          batch.push(record);
          batchBytes += record.line.length;
        }
        streams.add(streamId);
        count++;
        if (batchBytes >= IMPORT_BATCH_BYTES) await commitBatch();
      }
      await commitBatch();
      this.counters.events += count;
      return E.right({ events: count, streams: streams.size, headPosition: this.index.lastEventPosition });
    } catch (error) {
      // Records already sealed are part of the chain: they are written before the error goes up (if that
      // write fails too, the group commit refuses every later write until the journal is reopened).
      await commitBatch().catch(() => undefined);
      throw error;
    } finally {
      this.importing = null;
      finished();
    }
  }

  async headPosition(): Promise<number | null> {
    await this.readable();
    return this.index.lastEventPosition;
  }

  /**
   * Builds a read-only store's index if no read has yet (a writer's is built at open). `headHash` and
   * `chainHead`, which do not read, need it.
   */
  async ensureIndexed(): Promise<void> {
    await this.readable();
  }

  /**
   * Hash of the last durable record (the header's for an empty journal): what a report's provenance cites.
   * A read-only store gives it as of its last read.
   */
  headHash(): string {
    return this.indexedNow().lastHash;
  }

  /**
   * The chain hash of the record at `position` (null past the head): what a report replayed up to that
   * position cites, so that an auditor can find the exact point in the journal.
   */
  async hashAt(position: number): Promise<string | null> {
    await this.readable();
    if (!Number.isInteger(position) || position < 0 || position >= this.index.recordCount) return null;
    return readStoredHash(this.readContext, position);
  }

  chainHead(): ChainHead {
    const index = this.indexedNow();
    const count = index.recordCount;
    return { position: count === 0 ? null : count - 1, hash: index.lastHash };
  }

  stats(): JournalStats {
    return { ...this.counters };
  }

  describe(): StoreDescription {
    return { kind: "journal", location: this.path };
  }

  /** Waits for queued commits, releases the writer lock and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.importing !== null) await this.importing;
    await this.commits?.idle();
    this.appended.notify();
    await this.file.close();
    await this.lock?.release();
  }

  /** Callers first wait for any import, then call this in the same synchronous step as their checks. */
  private writable(): GroupCommit {
    if (this.closed) throw new Error(`journal ${this.path} is closed`);
    if (this.commits === null) throw new Error(`journal ${this.path} was opened read-only`);
    if (this.commits.failed)
      throw new Error(`journal ${this.path}: an earlier write failed; reopen it to recover`);
    return this.commits;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`journal ${this.path} is closed`);
  }

  private async readable(): Promise<void> {
    this.assertOpen();
    await this.follower?.refresh();
  }

  private indexedNow(): JournalIndex {
    if (this.follower !== null && !this.follower.indexed) {
      throw new Error(
        `journal ${this.path} was opened read-only and has not been indexed yet: await ensureIndexed() (or any read) first`,
      );
    }
    return this.index;
  }

  private writerState(streamId: string): { readonly revision: number | null; readonly deleted: boolean } {
    return (
      this.pendingStreams.get(streamId) ?? this.index.stateOf(streamId) ?? { revision: null, deleted: false }
    );
  }

  /**
   * A refusal caused by records still in flight waits for them to be durable, so that the caller's retry
   * (which reads durable state) sees them instead of spinning on a state that has not caught up yet.
   */
  private async refuse(streamId: string, expected: ExpectedRevision): Promise<Either<AppendError, never>> {
    if (this.pendingStreams.has(streamId)) await this.commits?.settled();
    const state = this.writerState(streamId);
    if (state.deleted) return E.left(streamDeleted(streamId));
    return E.left(wrongExpectedRevision(streamId, describeExpected(expected), state.revision));
  }

  private nextRecordedAt(): string {
    const now = this.clock.now();
    if (now > this.lastRecordedAt) this.lastRecordedAt = now;
    return this.lastRecordedAt;
  }

  /** Chains bodies onto the in-flight head; nothing is mutated before every body is serialised. */
  private seal(bodies: readonly string[], indexed: (position: number) => IndexedRecord): PendingRecord[] {
    const records: PendingRecord[] = [];
    for (const body of bodies) {
      const sealed = sealRecord(body, this.prevHash);
      records.push({ line: sealed.line, hash: sealed.hash, indexed: indexed(this.nextPosition) });
      this.prevHash = sealed.hash;
      this.nextPosition++;
    }
    return records;
  }

  private async writeDurably(records: readonly PendingRecord[]): Promise<void> {
    const data =
      records.length === 1 ? (records[0] as PendingRecord).line : Buffer.concat(records.map((r) => r.line));
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.file.write(
        data,
        written,
        data.length - written,
        this.index.end + written,
      );
      written += bytesWritten;
    }
    await this.file.datasync();
    this.counters.fsyncs++;
    this.counters.records += records.length;
    this.counters.bytesWritten += data.length;
    for (const record of records) {
      this.index.add(record.indexed, this.index.end, record.line.length, record.hash);
      const pending = this.pendingStreams.get(record.indexed.streamId);
      if (pending !== undefined && pending.lastPosition <= record.indexed.position) {
        this.pendingStreams.delete(record.indexed.streamId);
      }
    }
    this.appended.notify();
  }

  private hasEventAfter(after: number | null): boolean {
    const last = this.index.lastEventPosition;
    return last !== null && last > (after ?? -1);
  }

  private async waitForAppend(after: number | null, signal: AbortSignal): Promise<void> {
    if (this.follower !== null) {
      const follower = this.follower;
      while (!signal.aborted && !this.closed) {
        await follower.refresh();
        if (this.hasEventAfter(after)) return;
        await abortableDelay(follower.pollIntervalMs, signal);
      }
      if (this.closed) await untilAborted(signal);
      return;
    }
    if (this.closed) return untilAborted(signal);
    if (this.hasEventAfter(after)) return;
    return this.appended.wait(signal);
  }
}

async function* emptyEvents(): AsyncGenerator<RecordedEvent> {}

const untilAborted = (signal: AbortSignal): Promise<void> =>
  signal.aborted
    ? Promise.resolve()
    : new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));

const abortableDelay = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
