import type { FileHandle } from "node:fs/promises";
import type { RecordedEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { batchIterable } from "./batch-iterable.js";
import { JournalCorruptError } from "./errors.js";
import { recordedEventOf } from "./event-codec.js";
import { JournalIndex } from "./journal-index.js";
import { judgeTail, type ScanFailure } from "./journal-scan.js";
import { type ChunkProgress, DEFAULT_CHUNK_BYTES, type LineChunk, readLineChunks } from "./line-chunks.js";
import { RecordScanner } from "./record-scanner.js";

const NEWLINE = 0x0a;

export interface SequentialSource {
  readonly file: FileHandle;
  readonly path: string;
  readonly headerEnd: number;
  readonly headerHash: string;
  readonly chunkBytes?: number;
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
    const chunks = readLineChunks(source.file, source.headerEnd, size, progress, chunkBytes);
    const index = new JournalIndex(source.headerEnd, source.headerHash);
    const scanner = new RecordScanner(index, source.headerHash, 0);
    return {
      size,
      progress,
      chunks,
      index,
      scanner,
      validEnd: source.headerEnd,
      failure: null,
      remaining: maxCount,
    };
  };
  const decode = (current: ReplayState, { buf, length, fileOffset }: LineChunk): RecordedEvent[] => {
    const events: RecordedEvent[] = [];
    const { scanner } = current;
    let start = 0;
    while (start < length && events.length < current.remaining) {
      const newline = buf.indexOf(NEWLINE, start);
      const offset = fileOffset + start;
      const position = scanner.nextPosition;
      const result = scanner.accept(buf, start, newline);
      if (E.isLeft(result)) {
        current.failure = { problem: result.left, offset, position };
        break;
      }
      const record = result.right;
      current.index.add(record, offset, newline + 1 - start);
      if (record.kind === "event") events.push(recordedEventOf(record));
      current.validEnd = offset + newline + 1 - start;
      start = newline + 1;
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
  return batchIterable(
    async () => {
      if (state === undefined) state = await begin();
      if (state === null || state.remaining <= 0) return null;
      if (state.failure !== null) {
        await finish(state);
        return null;
      }
      const next = await state.chunks.next();
      if (next.done === true) {
        await finish(state);
        return null;
      }
      return decode(state, next.value);
    },
    async () => {
      await state?.chunks.return(undefined);
    },
  );
};
