import type { FileHandle } from "node:fs/promises";
import { type ChunkProgress, DEFAULT_CHUNK_BYTES, type LineChunk, readLineChunks } from "@insieme/kernel";
import { MAX_RECORD_BYTES } from "./record-format.js";

export { type ChunkProgress, DEFAULT_CHUNK_BYTES, type LineChunk };

/**
 * The journal's records through the kernel's bounded line reader: `[start, end)` in large chunks of complete
 * lines, a line longer than a record may be (`MAX_RECORD_BYTES`) refused with a `LineReadError` while it is read.
 */
export const readRecordChunks = (
  file: FileHandle,
  start: number,
  end: number,
  progress: ChunkProgress = { completeEnd: start },
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<LineChunk> =>
  readLineChunks(file, { start, end, progress, chunkBytes, maxLineBytes: MAX_RECORD_BYTES });
