import { readSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import type { RecordedEvent } from "@insieme/kernel";
import { batchArrays, batchIterable } from "./batch-iterable.js";
import { JournalCorruptError, journalCorrupt } from "./errors.js";
import { type EventRecordJson, recordedEventOf } from "./event-codec.js";
import type { JournalIndex } from "./journal-index.js";
import { DEFAULT_CHUNK_BYTES, type LineChunk, readRecordChunks } from "./line-chunks.js";
import { ChainFollower, hasHashSuffix, storedHash } from "./record-format.js";

const NEWLINE = 0x0a;
/** Stream reads fetch neighbouring records of the stream with one positioned read when they fit in this span. */
const STREAM_READ_SPAN = 64 * 1024;
/** Events a stream read decodes before handing them out. */
const BATCH_EVENTS = 1024;

export interface ReadContext {
  readonly file: FileHandle;
  readonly index: JournalIndex;
  readonly path: string;
  readonly chunkBytes?: number;
}

const corrupt = (
  ctx: ReadContext,
  position: number,
  byteOffset: number,
  detail: string,
): JournalCorruptError =>
  new JournalCorruptError(
    journalCorrupt(
      ctx.path,
      { position, line: position + 2, byteOffset },
      "hash-mismatch",
      `${detail} (the file changed after it was opened)`,
    ),
  );

const readFully = async (file: FileHandle, buf: Buffer, length: number, offset: number): Promise<void> => {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buf, done, length - done, offset + done);
    if (bytesRead === 0) throw new Error(`journal: unexpected end of file at byte ${offset + done}`);
    done += bytesRead;
  }
};

/**
 * Stream reads are small positioned reads, nearly always served by the page cache: done synchronously they
 * cost a few microseconds, where a thread-pool round trip per read would cost ten times more.
 */
const readFullySync = (fd: number, buf: Buffer, offset: number): void => {
  let done = 0;
  while (done < buf.length) {
    const bytesRead = readSync(fd, buf, done, buf.length - done, offset + done);
    if (bytesRead === 0) throw new Error(`journal: unexpected end of file at byte ${offset + done}`);
    done += bytesRead;
  }
};

export const readStoredHash = async (ctx: ReadContext, position: number): Promise<string> => {
  const offset = ctx.index.offsetOf(position);
  const length = ctx.index.lengthOf(position);
  const buf = Buffer.allocUnsafe(length);
  await readFully(ctx.file, buf, length, offset);
  if (!hasHashSuffix(buf, 0, length - 1))
    throw corrupt(ctx, position, offset, "the record's hash member is malformed");
  return storedHash(buf, length - 1);
};

interface ReadAllState {
  readonly chunks: AsyncGenerator<LineChunk>;
  readonly chain: ChainFollower;
  expected: number;
  remaining: number;
}

/**
 * Streams events after a position in large sequential reads, checking every record's hash against the chain
 * on the way (a replay is also a verification of the bytes it replays). `before` runs first (a reader's refresh).
 */
export const readAllEvents = (
  ctx: ReadContext,
  before: () => Promise<void>,
  after: number | null,
  maxCount: number,
): AsyncIterable<RecordedEvent> => {
  let state: ReadAllState | null | undefined;
  const begin = async (): Promise<ReadAllState | null> => {
    await before();
    const { index } = ctx;
    const startPosition = after === null ? 0 : Math.max(0, Math.floor(after) + 1);
    const endPosition = index.recordCount;
    if (startPosition >= endPosition || maxCount <= 0) return null;
    const endOffset = index.offsetOf(endPosition - 1) + index.lengthOf(endPosition - 1);
    const prevHash = startPosition === 0 ? index.headerHash : await readStoredHash(ctx, startPosition - 1);
    const chunkBytes = ctx.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    const chunks = readRecordChunks(
      ctx.file,
      index.offsetOf(startPosition),
      endOffset,
      undefined,
      chunkBytes,
    );
    return { chunks, chain: new ChainFollower(prevHash), expected: startPosition, remaining: maxCount };
  };
  const decode = (current: ReadAllState, { buf, length, fileOffset }: LineChunk): RecordedEvent[] => {
    const events: RecordedEvent[] = [];
    const { chain } = current;
    let { expected } = current;
    let start = 0;
    while (start < length && events.length < current.remaining) {
      const newline = buf.indexOf(NEWLINE, start);
      if (!hasHashSuffix(buf, start, newline))
        throw corrupt(ctx, expected, fileOffset + start, "malformed record");
      if (!chain.follow(buf, start, newline)) {
        throw corrupt(ctx, expected, fileOffset + start, "the record's hash does not chain");
      }
      const record = JSON.parse(buf.toString("utf8", start, newline)) as { kind: string; position: number };
      if (record.position !== expected)
        throw corrupt(ctx, expected, fileOffset + start, `position ${record.position}`);
      if (record.kind === "event") events.push(recordedEventOf(record as EventRecordJson));
      expected++;
      start = newline + 1;
    }
    current.expected = expected;
    current.remaining -= events.length;
    return events;
  };
  return batchIterable(
    async () => {
      if (state === undefined) state = await begin();
      if (state === null || state.remaining <= 0) return null;
      const next = await state.chunks.next();
      return next.done === true ? null : decode(state, next.value);
    },
    async () => {
      await state?.chunks.return(undefined);
    },
  );
};

interface Span {
  readonly low: number;
  readonly high: number;
  readonly positions: readonly number[];
}

/**
 * Reads one stream's events with positioned reads of its own records only (neighbouring records share a read).
 * `locate` runs first (after a reader's refresh) and gives the positions to read, in read order.
 */
export const readStreamEvents = (
  ctx: ReadContext,
  streamId: string,
  locate: () => Promise<Int32Array | null>,
): AsyncIterable<RecordedEvent> => batchIterable(streamBatchFill(ctx, streamId, locate), async () => {});

/**
 * One namespace's events (streams `<namespace>/...`) in global order, with positioned reads of its own records
 * only, as `readStreamEvents` reads a stream.
 */
export const readNamespaceEvents = (
  ctx: ReadContext,
  namespace: string,
  locate: () => Promise<Int32Array | null>,
): AsyncIterable<RecordedEvent> =>
  batchIterable(
    recordBatchFill(ctx, `namespace '${namespace}'`, (id) => id.startsWith(`${namespace}/`), locate),
    async () => {},
  );

/** The same read as `readStreamEvents`, handed out as arrays of up to 1,024 events (one step per batch). */
export const readStreamBatchesOf = (
  ctx: ReadContext,
  streamId: string,
  locate: () => Promise<Int32Array | null>,
): AsyncIterable<readonly RecordedEvent[]> =>
  batchArrays(streamBatchFill(ctx, streamId, locate), async () => {});

/** One batch of a stream read per call, null when the stream is read. */
const streamBatchFill = (
  ctx: ReadContext,
  streamId: string,
  locate: () => Promise<Int32Array | null>,
): (() => Promise<RecordedEvent[] | null>) =>
  recordBatchFill(ctx, `'${streamId}'`, (id) => id === streamId, locate);

/** One batch of the records at the located positions per call (each checked to belong), null when all are read. */
const recordBatchFill = (
  ctx: ReadContext,
  what: string,
  belongs: (streamId: string) => boolean,
  locate: () => Promise<Int32Array | null>,
): (() => Promise<RecordedEvent[] | null>) => {
  const { index } = ctx;
  let located: Int32Array | null | undefined;
  let cursor = 0;
  const nextSpan = (positions: Int32Array): Span => {
    const first = positions[cursor++] as number;
    let low = index.offsetOf(first);
    let high = low + index.lengthOf(first);
    const span = [first];
    while (cursor < positions.length) {
      const position = positions[cursor] as number;
      const offset = index.offsetOf(position);
      const nextLow = Math.min(low, offset);
      const nextHigh = Math.max(high, offset + index.lengthOf(position));
      if (nextHigh - nextLow > STREAM_READ_SPAN) break;
      low = nextLow;
      high = nextHigh;
      span.push(position);
      cursor++;
    }
    return { low, high, positions: span };
  };
  const readSpan = (span: Span): RecordedEvent[] => {
    const buf = Buffer.allocUnsafe(span.high - span.low);
    readFullySync(ctx.file.fd, buf, span.low);
    return span.positions.map((position) => {
      const start = index.offsetOf(position) - span.low;
      const end = start + index.lengthOf(position) - 1;
      const record = JSON.parse(buf.toString("utf8", start, end)) as EventRecordJson;
      if (record.kind !== "event" || record.position !== position || !belongs(record.streamId)) {
        throw corrupt(ctx, position, span.low + start, `not the event of ${what} the index points to`);
      }
      return recordedEventOf(record);
    });
  };
  return async () => {
    if (located === undefined) located = await locate();
    if (located === null || cursor >= located.length) return null;
    const events: RecordedEvent[] = [];
    while (events.length < BATCH_EVENTS && cursor < located.length) {
      for (const event of readSpan(nextSpan(located))) events.push(event);
    }
    return events;
  };
};
