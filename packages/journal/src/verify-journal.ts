import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { RecordedEvent } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { type JournalVerifyError, journalCorrupt, journalNotFound, notAJournal } from "./errors.js";
import { type EventRecordJson, recordedEventOf } from "./event-codec.js";
import { errorCode } from "./fs-util.js";
import { scanRecords } from "./journal-scan.js";
import { DEFAULT_CHUNK_BYTES } from "./line-chunks.js";
import { openJournalFile } from "./open-journal.js";
import { JOURNAL_FORMAT_VERSION } from "./record-format.js";
import { RecordScanner, type StreamStates } from "./record-scanner.js";

export interface VerifyOptions {
  /** Decodes every event (e.g. a registry's upcast-and-validate); a Left stops verification at that event. */
  readonly decode?: (event: RecordedEvent) => Either<{ readonly message: string }, unknown>;
  /**
   * A hash the chain must pass through, e.g. the head hash a published report cites: proves that the journal
   * still holds every record up to that one (a cut tail or a rewritten chain is otherwise undetectable).
   */
  readonly mustContainHash?: string;
  readonly readChunkBytes?: number;
}

export interface JournalVerified {
  readonly format: number;
  /** Records after the header: events, metadata and tombstones. */
  readonly records: number;
  readonly events: number;
  readonly streams: number;
  /** Position of the last event (null when there is none), as the store's `headPosition()` reports it. */
  readonly headPosition: number | null;
  /** Hash of the last record (the header's for an empty journal): the chain head. */
  readonly headHash: string;
}

class VerifierStreams implements StreamStates {
  private readonly streams = new Map<string, { revision: number | null; deleted: boolean }>();

  stateOf(streamId: string): { revision: number | null; deleted: boolean } | undefined {
    return this.streams.get(streamId);
  }

  event(streamId: string, revision: number): void {
    const state = this.streams.get(streamId);
    if (state === undefined) this.streams.set(streamId, { revision, deleted: false });
    else state.revision = revision;
  }

  touch(streamId: string, deleted: boolean): void {
    const state = this.streams.get(streamId);
    if (state === undefined) this.streams.set(streamId, { revision: null, deleted });
    else if (deleted) state.deleted = true;
  }

  get size(): number {
    return this.streams.size;
  }
}

/**
 * Checks a journal without locking or changing it: the header, the hash chain, every record's schema,
 * contiguous positions, each stream's revisions and, with `decode`, every event's data. Returns the first bad
 * record (position, line, byte offset, reason) or what was verified.
 */
export const verifyJournal = async (
  dir: string,
  options: VerifyOptions = {},
): Promise<Either<JournalVerifyError, JournalVerified>> => {
  const path = resolve(dir);
  try {
    if (!(await stat(path)).isDirectory())
      return E.left(notAJournal(path, "it is a file, not a journal directory"));
  } catch (error) {
    if (errorCode(error) === "ENOENT") return E.left(journalNotFound(path, "the directory does not exist"));
    throw error;
  }
  const opened = await openJournalFile(path, false);
  if (E.isLeft(opened)) return opened as Either<JournalVerifyError, never>;
  const { file, headerEnd, headerHash, size } = opened.right;
  try {
    const streams = new VerifierStreams();
    const scanner = new RecordScanner(streams, headerHash, 0);
    let events = 0;
    let headPosition: number | null = null;
    let anchorFound = options.mustContainHash === undefined || options.mustContainHash === headerHash;
    const outcome = await scanRecords(
      file,
      scanner,
      headerEnd,
      size,
      (record) => {
        if (record.kind === "event") {
          if (options.decode !== undefined) {
            const decoded = options.decode(recordedEventOf(record as EventRecordJson));
            if (E.isLeft(decoded)) return { reason: "decode", message: decoded.left.message };
          }
          streams.event(record.streamId, record.revision);
          events++;
          headPosition = record.position;
        } else {
          streams.touch(record.streamId, record.kind === "tombstone");
        }
        if (!anchorFound && scanner.prevHash === options.mustContainHash) anchorFound = true;
        return undefined;
      },
      options.readChunkBytes ?? DEFAULT_CHUNK_BYTES,
    );
    const next = scanner.nextPosition;
    if (outcome.failure !== null) {
      const { position, offset, problem } = outcome.failure;
      return E.left(
        journalCorrupt(
          path,
          { position, line: position + 2, byteOffset: offset },
          problem.reason,
          problem.message,
        ),
      );
    }
    if (outcome.validEnd < size) {
      return E.left(
        journalCorrupt(
          path,
          { position: next, line: next + 2, byteOffset: outcome.validEnd },
          "incomplete-record",
          `the last ${size - outcome.validEnd} bytes are not a complete line (a crash left them; opening the journal for writing cuts them)`,
        ),
      );
    }
    if (!anchorFound) {
      return E.left(
        journalCorrupt(
          path,
          { position: next, line: next + 2, byteOffset: size },
          "anchor-missing",
          `no record has hash ${options.mustContainHash}: records up to it were cut or the chain was rewritten`,
        ),
      );
    }
    return E.right({
      format: JOURNAL_FORMAT_VERSION,
      records: next,
      events,
      streams: streams.size,
      headPosition,
      headHash: scanner.prevHash,
    });
  } finally {
    await file.close();
  }
};

/** One line for people: what was verified, or the first bad position and why. */
export const describeVerifyResult = (result: Either<JournalVerifyError, JournalVerified>): string =>
  E.isLeft(result)
    ? `journal NOT OK: ${result.left.message}`
    : `journal OK: ${result.right.records} records, ${result.right.events} events in ${result.right.streams} streams, ` +
      `head position ${result.right.headPosition ?? "none"}, head hash ${result.right.headHash}`;
