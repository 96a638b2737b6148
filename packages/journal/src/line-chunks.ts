import type { FileHandle } from "node:fs/promises";

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** A run of complete lines: `buf[0..length)` ends with `\n` and starts at `fileOffset` in the file. */
export interface LineChunk {
  readonly buf: Buffer;
  readonly length: number;
  readonly fileOffset: number;
}

export interface ChunkProgress {
  /** File offset just after the last complete line read so far. */
  completeEnd: number;
}

/**
 * Reads `[start, end)` in large chunks and yields runs of complete lines. The buffer is reused: a chunk is
 * valid only until the next one is requested. Bytes after the last `\n` (an incomplete line) are not yielded;
 * `progress.completeEnd` tells where they start.
 */
export async function* readLineChunks(
  file: FileHandle,
  start: number,
  end: number,
  progress: ChunkProgress = { completeEnd: start },
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<LineChunk> {
  progress.completeEnd = start;
  let buf = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, end - start)));
  let carried = 0;
  let readAt = start;
  while (readAt < end) {
    if (carried === buf.length) {
      const grown = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(grown, 0, 0, carried);
      buf = grown;
    }
    const { bytesRead } = await file.read(buf, carried, Math.min(buf.length - carried, end - readAt), readAt);
    if (bytesRead === 0) break;
    readAt += bytesRead;
    const filled = carried + bytesRead;
    const lastNewline = buf.lastIndexOf(NEWLINE, filled - 1);
    if (lastNewline < 0) {
      carried = filled;
      continue;
    }
    const chunkStart = readAt - filled;
    progress.completeEnd = chunkStart + lastNewline + 1;
    yield { buf, length: lastNewline + 1, fileOffset: chunkStart };
    carried = filled - (lastNewline + 1);
    buf.copy(buf, 0, lastNewline + 1, filled);
  }
}
