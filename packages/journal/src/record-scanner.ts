import { formatZodError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import {
  ChainFollower,
  GENESIS_HASH,
  hasHashSuffix,
  JOURNAL_FORMAT_VERSION,
  JOURNAL_MAGIC,
  storedHash,
} from "./record-format.js";
import { type BodyRecord, bodyRecordSchema, type HeaderRecord, headerRecordSchema } from "./record-schema.js";
import { plainBodyRecord } from "./record-shape.js";

/** Why a record is not the valid next record of the journal. */
export type RecordFailureReason =
  | "malformed"
  | "hash-mismatch"
  | "schema"
  | "position"
  | "revision"
  | "stream-deleted";

export interface RecordProblem {
  readonly reason: RecordFailureReason;
  readonly message: string;
}

export type HeaderProblem =
  | { readonly kind: "not-a-journal"; readonly message: string }
  | { readonly kind: "newer-format"; readonly format: number; readonly message: string }
  | { readonly kind: "corrupt"; readonly message: string };

/** What the scanner needs to know about streams to check revisions (the index, or the verifier's own map). */
export interface StreamStates {
  stateOf(streamId: string): { readonly revision: number | null; readonly deleted: boolean } | undefined;
}

const problem = (reason: RecordFailureReason, message: string): Either<RecordProblem, never> =>
  E.left({ reason, message });

/** A line's JSON value, or undefined when it is not JSON. */
export const parseJson = (buf: Buffer, start: number, end: number): unknown => {
  try {
    return JSON.parse(buf.toString("utf8", start, end));
  } catch {
    return undefined;
  }
};

/** True when a line could be a journal record: it carries the hash suffix and is a JSON object. */
export const looksLikeRecord = (buf: Buffer, start: number, end: number): boolean => {
  if (!hasHashSuffix(buf, start, end)) return false;
  const value = parseJson(buf, start, end);
  return typeof value === "object" && value !== null;
};

/** Parses and checks the header line (without `\n`); the format version is checked before anything else. */
export const parseHeaderLine = (
  buf: Buffer,
  start: number,
  end: number,
): Either<HeaderProblem, { readonly header: HeaderRecord; readonly hash: string }> => {
  const value = parseJson(buf, start, end);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return E.left({ kind: "not-a-journal", message: "the first line is not a JSON object" });
  }
  const fields = value as Record<string, unknown>;
  if (fields.kind !== "header" || fields.journal !== JOURNAL_MAGIC) {
    return E.left({ kind: "not-a-journal", message: `the first line is not an ${JOURNAL_MAGIC} header` });
  }
  const format = fields.format;
  if (typeof format === "number" && Number.isInteger(format) && format > JOURNAL_FORMAT_VERSION) {
    return E.left({
      kind: "newer-format",
      format,
      message: `format version ${format} is newer than the supported version ${JOURNAL_FORMAT_VERSION}`,
    });
  }
  const parsed = headerRecordSchema.safeParse(value);
  if (!parsed.success) return E.left({ kind: "corrupt", message: `header: ${formatZodError(parsed.error)}` });
  if (parsed.data.format !== JOURNAL_FORMAT_VERSION) {
    return E.left({ kind: "corrupt", message: `header: unknown format version ${parsed.data.format}` });
  }
  if (!hasHashSuffix(buf, start, end))
    return E.left({ kind: "corrupt", message: "header: hash member malformed" });
  const computed = new ChainFollower(GENESIS_HASH).lineHash(buf, start, end);
  if (computed !== parsed.data.hash) {
    return E.left({
      kind: "corrupt",
      message: `header: hash ${parsed.data.hash} does not match its bytes (${computed})`,
    });
  }
  return E.right({ header: parsed.data, hash: computed });
};

/** `accept`'s marker for a line whose JSON has not been parsed yet. */
export const NOT_PARSED: unique symbol = Symbol("not parsed");

/**
 * Checks records one after the other: the hash chain, the record schema, contiguous positions, and each
 * stream's revisions. It advances its chain state only over valid records; callers apply them to their index.
 */
export class RecordScanner {
  private readonly chain: ChainFollower;
  /** `chain.prevHash`, built once per accepted record that someone asks about. */
  private prevHashText: string | null;

  constructor(
    private readonly streams: StreamStates,
    /** Hash of the header record. */
    prevHash: string,
    /** Position the next record must carry. */
    public nextPosition: number,
  ) {
    this.chain = new ChainFollower(prevHash);
    this.prevHashText = prevHash;
  }

  /** Hash of the last accepted record (the header's, at first). */
  get prevHash(): string {
    this.prevHashText ??= this.chain.prevHash;
    return this.prevHashText;
  }

  /**
   * Checks the line `buf[start..end)` as the next record. `chainVerified`: its hash was already found to chain
   * to the previous record (by the replay's verifier thread); `parsed`: its JSON value, when already parsed.
   */
  accept(
    buf: Buffer,
    start: number,
    end: number,
    chainVerified = false,
    parsed: unknown = NOT_PARSED,
  ): Either<RecordProblem, BodyRecord> {
    if (!hasHashSuffix(buf, start, end)) {
      return problem("malformed", 'the line does not end with a `,"hash":"<64 hex digits>"}` member');
    }
    if (!chainVerified && !this.chain.matches(buf, start, end)) {
      const stored = storedHash(buf, end);
      const computed = this.chain.lineHash(buf, start, end);
      return problem(
        "hash-mismatch",
        `the record's hash ${stored} is not SHA-256 of the previous hash and its bytes (${computed}): ` +
          "this record, or the one before it, was changed, removed, inserted or reordered",
      );
    }
    const value = parsed === NOT_PARSED ? parseJson(buf, start, end) : parsed;
    if (value === undefined) return problem("malformed", "the line is not valid JSON");
    let record = plainBodyRecord(value);
    if (record === undefined) {
      const parsed = bodyRecordSchema.safeParse(value);
      if (!parsed.success) return problem("schema", formatZodError(parsed.error));
      record = parsed.data;
    }
    if (record.position !== this.nextPosition) {
      return problem("position", `position ${record.position} where ${this.nextPosition} was expected`);
    }
    const streamProblem = this.checkStream(record);
    if (streamProblem !== undefined) return E.left(streamProblem);
    this.chain.advance(buf, end);
    this.prevHashText = null;
    this.nextPosition++;
    return E.right(record);
  }

  private checkStream(record: BodyRecord): RecordProblem | undefined {
    if (record.kind === "metadata") return undefined;
    const state = this.streams.stateOf(record.streamId);
    const current = state?.revision ?? null;
    if (state?.deleted === true) {
      return { reason: "stream-deleted", message: `stream '${record.streamId}' was already deleted` };
    }
    if (record.kind === "event") {
      const expected = current === null ? 0 : current + 1;
      if (record.revision !== expected) {
        return {
          reason: "revision",
          message: `event of stream '${record.streamId}' has revision ${record.revision} where ${expected} was expected`,
        };
      }
      return undefined;
    }
    if (record.revision !== current) {
      return {
        reason: "revision",
        message: `tombstone of stream '${record.streamId}' names revision ${record.revision} but the stream is at ${current}`,
      };
    }
    return undefined;
  }
}
