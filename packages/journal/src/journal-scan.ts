import type { FileHandle } from "node:fs/promises";
import { LineReadError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { type CorruptionReason, type JournalCorrupt, journalCorrupt } from "./errors.js";
import type { JournalIndex } from "./journal-index.js";
import { type ChunkProgress, readRecordChunks } from "./line-chunks.js";
import { MAX_RECORD_BYTES } from "./record-format.js";
import { looksLikeRecord, type RecordScanner } from "./record-scanner.js";
import type { BodyRecord } from "./record-schema.js";

const NEWLINE = 0x0a;

export interface ScanFailure {
  readonly problem: { readonly reason: CorruptionReason; readonly message: string };
  /** Byte offset where the failing line starts. */
  readonly offset: number;
  /** Position the failing record should have had. */
  readonly position: number;
}

export interface ScanOutcome {
  /** Byte offset just after the last valid record. */
  readonly validEnd: number;
  /** The first complete line that is not the valid next record, if any. */
  readonly failure: ScanFailure | null;
}

/**
 * Runs the scanner over the complete lines of `[from, to)`, handing each valid record to `accept` with its
 * offset and length, and stops at the first invalid line (or the first record `accept` finds a problem with).
 */
export const scanRecords = async (
  file: FileHandle,
  scanner: RecordScanner,
  from: number,
  to: number,
  accept: (record: BodyRecord, offset: number, length: number) => ScanFailure["problem"] | undefined,
  chunkBytes?: number,
): Promise<ScanOutcome> => {
  const progress: ChunkProgress = { completeEnd: from };
  let validEnd = from;
  try {
    for await (const chunk of readRecordChunks(file, from, to, progress, chunkBytes)) {
      let start = 0;
      while (start < chunk.length) {
        const newline = chunk.buf.indexOf(NEWLINE, start);
        const position = scanner.nextPosition;
        const result = scanner.accept(chunk.buf, start, newline);
        const offset = chunk.fileOffset + start;
        if (E.isLeft(result)) return { validEnd, failure: { problem: result.left, offset, position } };
        const rejected = accept(result.right, offset, newline + 1 - start);
        if (rejected !== undefined) return { validEnd, failure: { problem: rejected, offset, position } };
        validEnd = offset + newline + 1 - start;
        start = newline + 1;
      }
    }
  } catch (error) {
    if (!(error instanceof LineReadError)) throw error;
    const problem = {
      reason: "malformed" as const,
      message: `line longer than a record may be (${MAX_RECORD_BYTES} bytes)`,
    };
    return { validEnd, failure: { problem, offset: error.offset, position: scanner.nextPosition } };
  }
  return { validEnd, failure: null };
};

export interface TailShape {
  /** Lines in the tail, the last one counted even when it has no `\n`. */
  readonly lines: number;
  readonly bytes: number;
  /** Offset of the first complete line in the tail that is a well-formed record, if any. */
  readonly recordAt: number | null;
}

/**
 * Describes the bytes after the last valid record. A crash can leave only a torn last line (a prefix of what
 * was being written) or bytes that are not records at all; a complete, well-formed record there means the
 * file was damaged or changed, which recovery must not silently cut.
 */
export const describeTail = async (file: FileHandle, from: number, to: number): Promise<TailShape> => {
  const progress: ChunkProgress = { completeEnd: from };
  let lines = 0;
  try {
    for await (const chunk of readRecordChunks(file, from, to, progress)) {
      let start = 0;
      while (start < chunk.length) {
        const newline = chunk.buf.indexOf(NEWLINE, start);
        if (looksLikeRecord(chunk.buf, start, newline)) {
          return { lines: lines + 1, bytes: to - from, recordAt: chunk.fileOffset + start };
        }
        lines++;
        start = newline + 1;
      }
    }
  } catch (error) {
    // A line longer than any record is never crash debris (a torn line is a prefix of a record).
    if (!(error instanceof LineReadError)) throw error;
    return { lines: lines + 1, bytes: to - from, recordAt: error.offset };
  }
  const torn = progress.completeEnd < to ? 1 : 0;
  return { lines: lines + torn, bytes: to - from, recordAt: null };
};

/** An `accept` for scanRecords that adds every valid record to an index. */
export const addToIndex =
  (index: JournalIndex, scanner: RecordScanner) =>
  (record: BodyRecord, offset: number, length: number): undefined => {
    index.add(record, offset, length, scanner.prevHash);
    return undefined;
  };

/**
 * Judges what follows the last valid record of a scan of `[…, size)`: crash debris (returned, to be cut by a
 * writer or ignored by a reader) or corruption (a well-formed record after it, or the failing line itself).
 */
export const judgeTail = async (
  dir: string,
  file: FileHandle,
  outcome: ScanOutcome,
  nextPosition: number,
  size: number,
): Promise<Either<JournalCorrupt, TailShape>> => {
  const tail = await describeTail(file, outcome.validEnd, size);
  if (tail.recordAt === null) return E.right(tail);
  const failure = outcome.failure;
  if (failure !== null && failure.offset === tail.recordAt) {
    const at = { position: failure.position, line: failure.position + 2, byteOffset: failure.offset };
    return E.left(journalCorrupt(dir, at, failure.problem.reason, failure.problem.message));
  }
  return E.left(
    journalCorrupt(
      dir,
      { position: nextPosition, line: nextPosition + 2, byteOffset: outcome.validEnd },
      "malformed",
      `bytes that are not a record are followed by a record at byte ${tail.recordAt}`,
    ),
  );
};
