import { type FileHandle, mkdir, open, rename, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Clock, systemClock } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import {
  emptyJournalFile,
  type JournalCorrupt,
  JournalCorruptError,
  type JournalOpenError,
  journalCorrupt,
  journalNotFound,
  keyFingerprintMismatch,
  notAJournal,
  unsupportedFormatVersion,
} from "./errors.js";
import { errorCode, fsyncDirectory, writeFileDurably } from "./fs-util.js";
import { type FileFollower, JournalEventStore, type RecoveryReport } from "./journal-event-store.js";
import { JournalIndex } from "./journal-index.js";
import { acquireLock, type HeldLock } from "./journal-lock.js";
import { addToIndex, describeTail, judgeTail, scanRecords } from "./journal-scan.js";
import { DEFAULT_CHUNK_BYTES } from "./line-chunks.js";
import {
  GENESIS_HASH,
  JOURNAL_FILE,
  JOURNAL_FORMAT_VERSION,
  JOURNAL_MAGIC,
  sealRecord,
} from "./record-format.js";
import { parseHeaderLine, RecordScanner } from "./record-scanner.js";

export interface JournalOptions {
  /**
   * Open without the writer lock, never modifying the file, and follow records the writer appends. Only the
   * header is checked at open; the records are checked by the first read (see docs/journal-format.md).
   */
  readonly readOnly?: boolean;
  /** Create the directory and an empty journal when they do not exist (writers only). */
  readonly create?: boolean;
  /**
   * The fingerprint of the key the host pseudonymises with (never the key itself; e.g. `personKeyFingerprint`
   * of `@insieme/domain`). A new journal records it in its header; a journal whose header records another one
   * is refused (`KeyFingerprintMismatch`), as a writer and as a reader. A journal created without a fingerprint
   * opens as before.
   */
  readonly keyFingerprint?: string;
  /** Store time for `recordedAt`; defaults to the system clock. */
  readonly clock?: Clock;
  /** How often a read-only store's subscriptions look for new records. */
  readonly pollIntervalMs?: number;
  /** Size of the sequential reads of `readAll` and of the scan at open. */
  readonly readChunkBytes?: number;
  /**
   * A read-only store's replay from the start checks the hash chain in a second thread when the journal holds
   * at least this many bytes of records (default 16 MiB; 0: always; Infinity: never).
   */
  readonly chainThreadMinBytes?: number;
}

const HEADER_PROBE_BYTES = 64 * 1024;

export interface JournalHeaderInfo {
  readonly file: FileHandle;
  readonly headerEnd: number;
  readonly headerHash: string;
  /** The key fingerprint the header records, if any. */
  readonly keyFingerprint: string | null;
  readonly size: number;
}

/**
 * Checks that `dir` is a journal directory whose file starts with a header of a known format, reading only.
 * The returned file handle is open for reading (and writing when `writable`).
 */
export const openJournalFile = async (
  dir: string,
  writable: boolean,
): Promise<Either<JournalOpenError, JournalHeaderInfo>> => {
  const filePath = join(dir, JOURNAL_FILE);
  let file: FileHandle;
  try {
    file = await open(filePath, writable ? "r+" : "r");
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") return E.left(journalNotFound(dir, `${JOURNAL_FILE} does not exist`));
    if (code === "EISDIR") return E.left(notAJournal(dir, `${JOURNAL_FILE} is a directory`));
    throw error;
  }
  const header = await readHeader(dir, file);
  if (E.isLeft(header)) await file.close();
  return header;
};

const readHeader = async (
  dir: string,
  file: FileHandle,
): Promise<Either<JournalOpenError, JournalHeaderInfo>> => {
  const { size } = await file.stat();
  if (size === 0) return E.left(emptyJournalFile(join(dir, JOURNAL_FILE)));
  const probe = Buffer.allocUnsafe(Math.min(size, HEADER_PROBE_BYTES));
  const { bytesRead } = await file.read(probe, 0, probe.length, 0);
  const newline = probe.subarray(0, bytesRead).indexOf(0x0a);
  if (newline < 0)
    return E.left(notAJournal(dir, `${JOURNAL_FILE} does not start with a journal header line`));
  const parsed = parseHeaderLine(probe, 0, newline);
  if (E.isLeft(parsed)) {
    const problem = parsed.left;
    switch (problem.kind) {
      case "not-a-journal":
        return E.left(notAJournal(dir, `${JOURNAL_FILE}: ${problem.message}`));
      case "newer-format":
        return E.left(unsupportedFormatVersion(dir, problem.format, JOURNAL_FORMAT_VERSION));
      case "corrupt":
        return E.left(
          journalCorrupt(dir, { position: null, line: 1, byteOffset: 0 }, "header", problem.message),
        );
    }
  }
  return E.right({
    file,
    headerEnd: newline + 1,
    headerHash: parsed.right.hash,
    keyFingerprint: parsed.right.header.keyFingerprint ?? null,
    size,
  });
};

/** Writes a new journal's header under a temporary name and renames it into place: never a half-made journal. */
const createJournalFile = async (
  dir: string,
  clock: Clock,
  keyFingerprint: string | undefined,
): Promise<void> => {
  const header = JSON.stringify({
    kind: "header",
    journal: JOURNAL_MAGIC,
    format: JOURNAL_FORMAT_VERSION,
    createdAt: clock.now(),
    ...(keyFingerprint === undefined ? {} : { keyFingerprint }),
  });
  const temporary = join(dir, `${JOURNAL_FILE}.${process.pid}.tmp`);
  await writeFileDurably(temporary, sealRecord(header, GENESIS_HASH).line);
  await rename(temporary, join(dir, JOURNAL_FILE));
  await fsyncDirectory(dir);
};

const checkDirectory = async (dir: string, create: boolean): Promise<Either<JournalOpenError, void>> => {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return E.left(notAJournal(dir, "it is a file, not a journal directory"));
    return E.right(undefined);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
    if (!create) return E.left(journalNotFound(dir, "the directory does not exist"));
    // Only its owner may enter a journal's directory (0700).
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return E.right(undefined);
  }
};

const fileExists = async (path: string): Promise<boolean> => {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw error;
  }
};

interface Loaded {
  readonly recovery: RecoveryReport;
  /** Where the valid records end (and a reader resumes scanning). */
  readonly validEnd: number;
}

/**
 * Scans the records from where `index` ends to `size`: checks the chain and adds them to the index. Whatever
 * follows the last valid record must look like crash debris (a torn line, non-record bytes); a well-formed
 * record there is corruption.
 */
const loadRecords = async (
  dir: string,
  file: FileHandle,
  index: JournalIndex,
  scanner: RecordScanner,
  size: number,
  chunkBytes: number,
): Promise<Either<JournalCorrupt, Loaded>> => {
  const outcome = await scanRecords(file, scanner, index.end, size, addToIndex(index, scanner), chunkBytes);
  const tail = await judgeTail(dir, file, outcome, scanner.nextPosition, size);
  if (E.isLeft(tail)) return tail;
  return E.right({
    recovery: { bytesCut: tail.right.bytes, recordsCut: tail.right.lines },
    validEnd: outcome.validEnd,
  });
};

/**
 * Builds a read-only store's index on first need (with the checks a writer's open makes) and then indexes
 * records that the writer appends.
 */
const followFile = (
  dir: string,
  file: FileHandle,
  index: JournalIndex,
  pollIntervalMs: number,
  chunkBytes: number,
): FileFollower => {
  let scanner = new RecordScanner(index, index.headerHash, 0);
  let indexed = false;
  let running: Promise<void> | null = null;
  const indexAll = async (): Promise<void> => {
    const { size } = await file.stat();
    const loaded = await loadRecords(dir, file, index, scanner, size, chunkBytes);
    if (E.isLeft(loaded)) throw new JournalCorruptError(loaded.left);
    indexed = true;
  };
  const scanNew = async (): Promise<void> => {
    const { size } = await file.stat();
    if (size <= index.end) return;
    const outcome = await scanRecords(file, scanner, index.end, size, addToIndex(index, scanner), chunkBytes);
    if (outcome.failure === null) return;
    const tail = await describeTail(file, outcome.failure.offset, size);
    // Non-record bytes are a crashed writer's leftovers, cut by the next writer; a bad record is corruption.
    if (tail.recordAt === outcome.failure.offset) {
      const { position, offset, problem } = outcome.failure;
      throw new JournalCorruptError(
        journalCorrupt(
          dir,
          { position, line: position + 2, byteOffset: offset },
          problem.reason,
          problem.message,
        ),
      );
    }
  };
  return {
    pollIntervalMs,
    get indexed() {
      return indexed;
    },
    refresh: () => {
      running ??= (indexed ? scanNew() : indexAll()).finally(() => {
        running = null;
      });
      return running;
    },
    adopt: (built) => {
      if (indexed || running !== null) return;
      index.takeOver(built);
      scanner = new RecordScanner(index, index.lastHash, index.recordCount);
      indexed = true;
    },
  };
};

/**
 * Opens (or with `create`, creates) the journal in `dir`. A writer takes the lock and cuts an incomplete tail
 * left by a crash (reported in `store.recovery`); a reader (`readOnly`) changes nothing. Every refusal is a
 * typed error and leaves the directory as it was.
 */
export const openJournal = async (
  dir: string,
  options: JournalOptions = {},
): Promise<Either<JournalOpenError, JournalEventStore>> => {
  const path = resolve(dir);
  const readOnly = options.readOnly === true;
  const clock = options.clock ?? systemClock;
  const chunkBytes = options.readChunkBytes ?? DEFAULT_CHUNK_BYTES;
  const directory = await checkDirectory(path, options.create === true && !readOnly);
  if (E.isLeft(directory)) return directory;

  let lock: HeldLock | undefined;
  if (!readOnly && options.create === true && !(await fileExists(join(path, JOURNAL_FILE)))) {
    const locked = await acquireLock(path);
    if (E.isLeft(locked)) return locked;
    lock = locked.right;
    if (!(await fileExists(join(path, JOURNAL_FILE))))
      await createJournalFile(path, clock, options.keyFingerprint);
  }

  const opened = await openJournalFile(path, !readOnly);
  if (E.isLeft(opened)) {
    await lock?.release();
    return opened;
  }
  const header = opened.right;
  if (
    options.keyFingerprint !== undefined &&
    header.keyFingerprint !== null &&
    header.keyFingerprint !== options.keyFingerprint
  ) {
    await header.file.close();
    await lock?.release();
    return E.left(keyFingerprintMismatch(path, header.keyFingerprint, options.keyFingerprint));
  }
  if (!readOnly && lock === undefined) {
    const locked = await acquireLock(path);
    if (E.isLeft(locked)) {
      await header.file.close();
      return locked;
    }
    lock = locked.right;
  }

  try {
    const index = new JournalIndex(header.headerEnd, header.headerHash);
    if (readOnly) {
      // A reader indexes on first need: a replay from the start streams the file without the index.
      const follower = followFile(path, header.file, index, options.pollIntervalMs ?? 100, chunkBytes);
      return E.right(
        new JournalEventStore({
          path,
          file: header.file,
          index,
          clock,
          keyFingerprint: header.keyFingerprint,
          recovery: { bytesCut: 0, recordsCut: 0 },
          chunkBytes,
          follower,
          ...(options.chainThreadMinBytes === undefined
            ? {}
            : { chainThreadMinBytes: options.chainThreadMinBytes }),
        }),
      );
    }
    // The size is read again under the lock: a writer that held it until now may have appended.
    const size = (await header.file.stat()).size;
    const scanner = new RecordScanner(index, header.headerHash, 0);
    const loaded = await loadRecords(path, header.file, index, scanner, size, chunkBytes);
    if (E.isLeft(loaded)) {
      await header.file.close();
      await lock?.release();
      return loaded;
    }
    const { recovery, validEnd } = loaded.right;
    if (lock !== undefined && recovery.bytesCut > 0) {
      await header.file.truncate(validEnd);
      await header.file.datasync();
    }
    return E.right(
      new JournalEventStore({
        path,
        file: header.file,
        index,
        clock,
        keyFingerprint: header.keyFingerprint,
        recovery,
        chunkBytes,
        ...(lock === undefined ? {} : { lock }),
      }),
    );
  } catch (error) {
    await header.file.close();
    await lock?.release();
    throw error;
  }
};
