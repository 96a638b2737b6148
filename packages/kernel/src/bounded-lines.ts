import { type FileHandle, open } from "node:fs/promises";

/**
 * The one line reader of the project, for every newline-delimited input: command files, history exports and
 * journal records. Memory stays bounded by the larger of the read size and the line limit: a line longer than
 * the limit is refused as soon as that many bytes have been read without a newline, never buffered whole.
 */

/** Size of each read (and of the reused buffer) unless told otherwise. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** Longest line of a command file or a history export unless told otherwise (bytes, without the newline). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Something read at a position, as `FileHandle.read` does. */
export interface PositionalSource {
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ readonly bytesRead: number }>;
}

/** Why a line was refused. */
export type LineProblem = "too-long" | "invalid-utf8";

const describeLineProblem = (problem: LineProblem, limit: number): string =>
  problem === "too-long" ? `line longer than ${limit} bytes (the limit)` : "not valid UTF-8";

/**
 * A line refused by the reader: `line` is 1-based (null when the reader of chunks does not count lines),
 * `offset` is the byte offset where the line starts in the source.
 */
export class LineReadError extends Error {
  readonly _tag = "LineReadError";
  constructor(
    readonly problem: LineProblem,
    readonly line: number | null,
    readonly offset: number,
    readonly limit: number,
  ) {
    super(`${line === null ? `byte ${offset}` : `line ${line}`}: ${describeLineProblem(problem, limit)}`);
    this.name = "LineReadError";
  }

  /** What is wrong, without where: "line longer than N bytes (the limit)" or "not valid UTF-8". */
  get detail(): string {
    return describeLineProblem(this.problem, this.limit);
  }
}

/** A run of complete lines: `buf[0..length)` ends with `\n` and starts at `fileOffset` in the source. */
export interface LineChunk {
  readonly buf: Buffer;
  readonly length: number;
  readonly fileOffset: number;
}

export interface ChunkProgress {
  /** Offset just after the last complete line read so far. */
  completeEnd: number;
}

export interface LineChunkOptions {
  /** Where to start reading (default 0). */
  readonly start?: number;
  /** Where to stop (exclusive; default: the end of the source). */
  readonly end?: number;
  /** A line of more bytes than this (newline excluded) is refused with a `LineReadError`. */
  readonly maxLineBytes: number;
  readonly chunkBytes?: number;
  /** Updated as complete lines are read: bytes after `completeEnd` are an incomplete last line. */
  readonly progress?: ChunkProgress;
}

/**
 * Reads a source in large chunks and yields runs of complete lines. The buffer is reused: a chunk is valid only
 * until the next one is requested. Bytes after the last `\n` (an incomplete line) are not yielded;
 * `progress.completeEnd` tells where they start. A line longer than `maxLineBytes` is refused while it is read,
 * unless it fits in one chunk with its newline (then the caller, who splits the lines, checks it).
 */
export async function* readLineChunks(
  source: PositionalSource,
  options: LineChunkOptions,
): AsyncGenerator<LineChunk> {
  const start = options.start ?? 0;
  const end = options.end ?? Number.POSITIVE_INFINITY;
  const progress = options.progress ?? { completeEnd: start };
  const maxLineBytes = options.maxLineBytes;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  progress.completeEnd = start;
  let buf = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, end - start)));
  let carried = 0;
  let readAt = start;
  while (readAt < end) {
    if (carried === buf.length) {
      // Everything held is one unfinished line.
      if (carried > maxLineBytes) throw new LineReadError("too-long", null, readAt - carried, maxLineBytes);
      const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, Math.max(buf.length + 1, maxLineBytes + 1)));
      buf.copy(grown, 0, 0, carried);
      buf = grown;
    }
    const { bytesRead } = await source.read(
      buf,
      carried,
      Math.min(buf.length - carried, end - readAt),
      readAt,
    );
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
  if (carried > maxLineBytes) throw new LineReadError("too-long", null, readAt - carried, maxLineBytes);
}

export interface LineOptions {
  /** Longest line accepted, in bytes, newline (and carriage return) excluded. Default 1 MiB. */
  readonly maxLineBytes?: number;
  readonly chunkBytes?: number;
}

/**
 * The text lines of a source, in order, every line decoded as strict UTF-8: `\n` ends a line, a `\r` before it
 * is dropped, a last line without `\n` is a line, a byte-order mark opening the first line is dropped. The first
 * line over the limit or not valid UTF-8 ends the reading with a `LineReadError` naming it; nothing after it is
 * read. Empty lines are yielded (callers decide what a blank line means).
 */
export async function* readLines(
  source: PositionalSource,
  options: LineOptions = {},
): AsyncGenerator<string> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const progress: ChunkProgress = { completeEnd: 0 };
  let line = 0;
  const decode = (buf: Buffer, from: number, to: number, offset: number): string => {
    line++;
    let stop = to;
    if (stop > from && buf[stop - 1] === CARRIAGE_RETURN) stop--;
    if (stop - from > maxLineBytes) throw new LineReadError("too-long", line, offset, maxLineBytes);
    let text: string;
    try {
      text = decoder.decode(buf.subarray(from, stop));
    } catch {
      throw new LineReadError("invalid-utf8", line, offset, maxLineBytes);
    }
    return line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  const chunkOptions: LineChunkOptions = {
    maxLineBytes: maxLineBytes + 1,
    progress,
    ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
  };
  const chunks = readLineChunks(source, chunkOptions);
  try {
    for await (const { buf, length, fileOffset } of chunks) {
      let from = 0;
      while (from < length) {
        const newline = buf.indexOf(NEWLINE, from);
        yield decode(buf, from, newline, fileOffset + from);
        from = newline + 1;
      }
    }
  } catch (error) {
    if (error instanceof LineReadError && error.line === null)
      throw new LineReadError(error.problem, line + 1, error.offset, maxLineBytes);
    throw error;
  }
  // The bytes after the last newline: read again, bounded by the limit already checked.
  const tail = await readTail(source, progress.completeEnd, maxLineBytes + 1);
  if (tail.length > 0) yield decode(tail, 0, tail.length, progress.completeEnd);
}

const TAIL_READ_BYTES = 64 * 1024;

/** The bytes from `from` to the end of the source; more than `max` of them is a line over the limit. */
const readTail = async (source: PositionalSource, from: number, max: number): Promise<Buffer> => {
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(TAIL_READ_BYTES);
    const { bytesRead } = await source.read(buf, 0, buf.length, from + total);
    if (bytesRead === 0) break;
    parts.push(buf.subarray(0, bytesRead));
    total += bytesRead;
    if (total > max) break;
  }
  return Buffer.concat(parts, total);
};

/** `readLines` over a file, opened for reading and closed when the reading ends (or is abandoned). */
export async function* readFileLines(path: string, options: LineOptions = {}): AsyncGenerator<string> {
  const file: FileHandle = await open(path, "r");
  try {
    yield* readLines(file, options);
  } finally {
    await file.close();
  }
}
