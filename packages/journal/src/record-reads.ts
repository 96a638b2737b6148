import type { FileHandle } from "node:fs/promises";
import type { RecordedEvent } from "@insieme/kernel";
import { JournalCorruptError, journalCorrupt } from "./errors.js";
import { type EventRecordJson, recordedEventOf } from "./event-codec.js";
import type { JournalIndex, StreamEntry } from "./journal-index.js";
import { DEFAULT_CHUNK_BYTES, readLineChunks } from "./line-chunks.js";
import { hasHashSuffix, RecordHasher, storedHash } from "./record-format.js";

const NEWLINE = 0x0a;
/** Stream reads fetch neighbouring records of the stream with one positioned read when they fit in this span. */
const STREAM_READ_SPAN = 64 * 1024;

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

const readStoredHash = async (ctx: ReadContext, position: number): Promise<string> => {
  const offset = ctx.index.offsetOf(position);
  const length = ctx.index.lengthOf(position);
  const buf = Buffer.allocUnsafe(length);
  await readFully(ctx.file, buf, length, offset);
  if (!hasHashSuffix(buf, 0, length - 1))
    throw corrupt(ctx, position, offset, "the record's hash member is malformed");
  return storedHash(buf, length - 1);
};

/**
 * Streams events after a position in large sequential reads, checking every record's hash against the chain
 * on the way (a replay is also a verification of the bytes it replays).
 */
export async function* readAllEvents(
  ctx: ReadContext,
  after: number | null,
  maxCount: number,
): AsyncGenerator<RecordedEvent> {
  const { index } = ctx;
  const startPosition = after === null ? 0 : Math.max(0, Math.floor(after) + 1);
  const endPosition = index.recordCount;
  if (startPosition >= endPosition || maxCount <= 0) return;
  const endOffset = index.offsetOf(endPosition - 1) + index.lengthOf(endPosition - 1);
  let prevHash = startPosition === 0 ? index.headerHash : await readStoredHash(ctx, startPosition - 1);
  let expected = startPosition;
  let remaining = maxCount;
  const hasher = new RecordHasher();
  const chunks = readLineChunks(
    ctx.file,
    index.offsetOf(startPosition),
    endOffset,
    undefined,
    ctx.chunkBytes ?? DEFAULT_CHUNK_BYTES,
  );
  for await (const { buf, length, fileOffset } of chunks) {
    const events: RecordedEvent[] = [];
    let start = 0;
    while (start < length && events.length < remaining) {
      const newline = buf.indexOf(NEWLINE, start);
      if (!hasHashSuffix(buf, start, newline))
        throw corrupt(ctx, expected, fileOffset + start, "malformed record");
      const computed = hasher.lineHash(prevHash, buf, start, newline);
      if (computed !== storedHash(buf, newline)) {
        throw corrupt(ctx, expected, fileOffset + start, "the record's hash does not chain");
      }
      const record = JSON.parse(buf.toString("utf8", start, newline)) as { kind: string; position: number };
      if (record.position !== expected)
        throw corrupt(ctx, expected, fileOffset + start, `position ${record.position}`);
      if (record.kind === "event") events.push(recordedEventOf(record as EventRecordJson));
      prevHash = computed;
      expected++;
      start = newline + 1;
    }
    for (const event of events) yield event;
    remaining -= events.length;
    if (remaining <= 0) return;
  }
}

export interface RevisionRange {
  readonly start: number;
  readonly end: number;
  readonly step: 1 | -1;
}

/** Reads one stream's events with positioned reads of its own records only, batching neighbours. */
export async function* readStreamEvents(
  ctx: ReadContext,
  streamId: string,
  entry: StreamEntry,
  range: RevisionRange,
): AsyncGenerator<RecordedEvent> {
  const { index } = ctx;
  const inRange = (i: number): boolean => (range.step > 0 ? i < range.end : i > range.end);
  let buf = Buffer.allocUnsafe(STREAM_READ_SPAN);
  let i = range.start;
  while (inRange(i)) {
    const first = entry.positions.at(i);
    let low = index.offsetOf(first);
    let high = low + index.lengthOf(first);
    const batch = [first];
    let j = i + range.step;
    while (inRange(j)) {
      const position = entry.positions.at(j);
      const offset = index.offsetOf(position);
      const nextLow = Math.min(low, offset);
      const nextHigh = Math.max(high, offset + index.lengthOf(position));
      if (nextHigh - nextLow > STREAM_READ_SPAN) break;
      low = nextLow;
      high = nextHigh;
      batch.push(position);
      j += range.step;
    }
    if (high - low > buf.length) buf = Buffer.allocUnsafe(high - low);
    await readFully(ctx.file, buf, high - low, low);
    const events = batch.map((position) => {
      const start = index.offsetOf(position) - low;
      const end = start + index.lengthOf(position) - 1;
      const record = JSON.parse(buf.toString("utf8", start, end)) as EventRecordJson;
      if (record.kind !== "event" || record.position !== position || record.streamId !== streamId) {
        throw corrupt(ctx, position, low + start, `not the event of '${streamId}' the index points to`);
      }
      return recordedEventOf(record);
    });
    for (const event of events) yield event;
    i = j;
  }
}
