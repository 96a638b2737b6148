import type { FileHandle } from "node:fs/promises";
import type { RecordedEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { batchIterable } from "./batch-iterable.js";
import { type ChainVerdict, ChainVerifier } from "./chain-verifier.js";
import { JournalCorruptError } from "./errors.js";
import { recordedEventOf } from "./event-codec.js";
import { JournalIndex } from "./journal-index.js";
import { judgeTail, type ScanFailure } from "./journal-scan.js";
import { type ChunkProgress, DEFAULT_CHUNK_BYTES, type LineChunk, readRecordChunks } from "./line-chunks.js";
import { NOT_PARSED, parseJson, RecordScanner } from "./record-scanner.js";

const NEWLINE = 0x0a;

/** Below this, starting a thread costs more than hashing in line. */
export const DEFAULT_CHAIN_THREAD_MIN_BYTES = 16 * 1024 * 1024;

const NOTHING_VERIFIED: ChainVerdict = { verifiedLines: 0, complete: false };

/** A verifier thread, or none where threads cannot start (the replay then hashes in line). */
const startVerifier = (headerHash: string): ChainVerifier | null => {
  try {
    return new ChainVerifier(headerHash);
  } catch {
    return null;
  }
};

/** The JSON value of each line of a chunk (undefined for a line that is not JSON). */
const parseLines = (buf: Buffer, length: number): unknown[] => {
  const values: unknown[] = [];
  for (let start = 0; start < length; ) {
    const newline = buf.indexOf(NEWLINE, start);
    values.push(parseJson(buf, start, newline));
    start = newline + 1;
  }
  return values;
};

export interface SequentialSource {
  readonly file: FileHandle;
  readonly path: string;
  readonly headerEnd: number;
  readonly headerHash: string;
  readonly chunkBytes?: number;
  /** Journals with at least this many bytes of records check the hash chain in a second thread. */
  readonly chainThreadMinBytes?: number;
  /** Runs before the first read (a closed store refuses). */
  readonly before: () => void;
  /** Receives the index built on the way when the replay read every record the file held at its start. */
  readonly built: (index: JournalIndex) => void;
}

interface ReplayState {
  readonly size: number;
  readonly progress: ChunkProgress;
  readonly chunks: AsyncGenerator<LineChunk>;
  readonly index: JournalIndex;
  readonly scanner: RecordScanner;
  readonly verifier: ChainVerifier | null;
  validEnd: number;
  failure: ScanFailure | null;
  remaining: number;
}

/**
 * Replays the events of a journal that has no index yet, in one sequential pass over the records the file
 * holds when it starts: every record gets the checks an open makes (hash chain, schema, positions, revisions),
 * so that a replay needs no scan before it. What follows the last valid record must be crash debris (a torn
 * line is never an event); a well-formed bad record is corruption (`JournalCorruptError`).
 */
export const replaySequentially = (
  source: SequentialSource,
  maxCount: number,
): AsyncIterable<RecordedEvent> => {
  let state: ReplayState | null | undefined;
  const begin = async (): Promise<ReplayState | null> => {
    source.before();
    if (maxCount <= 0) return null;
    const { size } = await source.file.stat();
    const progress: ChunkProgress = { completeEnd: source.headerEnd };
    const chunkBytes = source.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    const chunks = readRecordChunks(source.file, source.headerEnd, size, progress, chunkBytes);
    const index = new JournalIndex(source.headerEnd, source.headerHash);
    const scanner = new RecordScanner(index, source.headerHash, 0);
    const threadFrom = source.chainThreadMinBytes ?? DEFAULT_CHAIN_THREAD_MIN_BYTES;
    const verifier = size - source.headerEnd >= threadFrom ? startVerifier(source.headerHash) : null;
    return {
      size,
      progress,
      chunks,
      index,
      scanner,
      verifier,
      validEnd: source.headerEnd,
      failure: null,
      remaining: maxCount,
    };
  };
  const decode = async (
    current: ReplayState,
    { buf, length, fileOffset }: LineChunk,
  ): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    const { scanner } = current;
    // With a verifier thread, lines are parsed while it checks their hashes; the checks then run in order.
    const pending = current.verifier?.verify(buf.subarray(0, length));
    const parsed = pending === undefined ? null : parseLines(buf, length);
    const verdict: ChainVerdict = pending === undefined ? NOTHING_VERIFIED : await pending;
    let start = 0;
    let line = 0;
    while (start < length && events.length < current.remaining) {
      const newline = buf.indexOf(NEWLINE, start);
      const offset = fileOffset + start;
      const position = scanner.nextPosition;
      const result = scanner.accept(
        buf,
        start,
        newline,
        line < verdict.verifiedLines,
        parsed === null ? NOT_PARSED : parsed[line],
      );
      if (E.isLeft(result)) {
        current.failure = { problem: result.left, offset, position };
        break;
      }
      const record = result.right;
      current.index.add(record, offset, newline + 1 - start);
      if (record.kind === "event") events.push(recordedEventOf(record));
      current.validEnd = offset + newline + 1 - start;
      start = newline + 1;
      line++;
    }
    current.index.lastHash = scanner.prevHash;
    current.remaining -= events.length;
    return events;
  };
  /** At the end of what the file held: debris after the last record is no event, a bad record is corruption. */
  const finish = async (current: ReplayState): Promise<void> => {
    const outcome = { validEnd: current.validEnd, failure: current.failure };
    const tail = await judgeTail(
      source.path,
      source.file,
      outcome,
      current.scanner.nextPosition,
      current.size,
    );
    if (E.isLeft(tail)) throw new JournalCorruptError(tail.left);
    source.built(current.index);
  };
  const stop = async (): Promise<void> => {
    await state?.verifier?.close();
  };
  return batchIterable(
    async () => {
      if (state === undefined) state = await begin();
      if (state === null || state.remaining <= 0) return null;
      if (state.failure !== null) {
        await stop();
        await finish(state);
        return null;
      }
      const next = await state.chunks.next();
      if (next.done === true) {
        await stop();
        await finish(state);
        return null;
      }
      return decode(state, next.value);
    },
    async () => {
      await stop();
      await state?.chunks.return(undefined);
    },
  );
};
