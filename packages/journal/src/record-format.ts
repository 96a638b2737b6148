import { hash } from "node:crypto";

/**
 * The byte-level record format (see docs/journal-format.md). A record is one line of UTF-8 JSON ending in `\n`.
 * The hash is always the object's last member and has a fixed width, so the hashed bytes are recovered from a
 * line by cutting a fixed-size suffix: `body = line[0 .. len-75] + "}"`, `hash = SHA-256(prevHashHex || body)`.
 */

export const JOURNAL_FORMAT_VERSION = 1;
export const JOURNAL_MAGIC = "insieme-journal";
export const JOURNAL_FILE = "journal.ndjson";
export const LOCK_FILE = "journal.lock";

/**
 * The longest record line, in bytes without its `\n` (16 MiB). A writer refuses to write a longer one and a
 * reader refuses a longer line as it reads it, so a damaged or hostile journal cannot make a reader buffer more.
 */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** The previous hash of the header record: 64 ASCII zeros. */
export const GENESIS_HASH = "0".repeat(64);

const HASH_MEMBER_OPEN = Buffer.from(',"hash":"', "latin1");
const HASH_MEMBER_CLOSE = Buffer.from('"}', "latin1");
const HEX_LENGTH = 64;
/** Bytes of `,"hash":"<64 hex>"}` at the end of every line (before the `\n`). */
export const HASH_SUFFIX_LENGTH = HASH_MEMBER_OPEN.length + HEX_LENGTH + HASH_MEMBER_CLOSE.length;
const NEWLINE = 0x0a;
const CLOSE_BRACE = 0x7d;

const isLowerHex = (byte: number): boolean =>
  (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66);

/** True when `line` (without its `\n`) ends with a well-formed hash member. */
export const hasHashSuffix = (buf: Buffer, start: number, end: number): boolean => {
  const length = end - start;
  if (length < HASH_SUFFIX_LENGTH + 2 || buf[start] !== 0x7b) return false;
  const open = end - HASH_SUFFIX_LENGTH;
  for (let i = 0; i < HASH_MEMBER_OPEN.length; i++) if (buf[open + i] !== HASH_MEMBER_OPEN[i]) return false;
  const hexStart = open + HASH_MEMBER_OPEN.length;
  for (let i = hexStart; i < hexStart + HEX_LENGTH; i++) if (!isLowerHex(buf[i] as number)) return false;
  return buf[end - 2] === HASH_MEMBER_CLOSE[0] && buf[end - 1] === HASH_MEMBER_CLOSE[1];
};

/** The hash stored in a line (ending at `end`, without `\n`) that has a well-formed suffix, as a hex string. */
export const storedHash = (buf: Buffer, end: number): string =>
  buf.toString("latin1", end - HEX_LENGTH - HASH_MEMBER_CLOSE.length, end - HASH_MEMBER_CLOSE.length);

export type ChainFollower = InstanceType<ReturnType<typeof defineChainFollower>>;

/**
 * Defines the chain follower from `hash` alone: the class refers to nothing else, so that the same source also
 * runs in the replay's verifier thread (see chain-verifier.ts).
 */
export const defineChainFollower = (sha256Hex: (data: Uint8Array) => string) =>
  /**
   * Follows the chain over consecutive lines: the previous hash stays as bytes at the front of a scratch buffer,
   * each line's body is copied after it and hashed in one call, and the result is compared with the line's
   * stored hash byte for byte, without building strings on the way.
   */
  class ChainFollower {
    #scratch: Buffer = Buffer.allocUnsafe(64 * 1024);

    constructor(prevHash: string) {
      this.#scratch.write(prevHash, 0, 64, "latin1");
    }

    /** The previous hash, as hex. */
    get prevHash(): string {
      return this.#scratch.toString("latin1", 0, 64);
    }

    /** SHA-256 (hex) of the previous hash and the body of the line `buf[start..end)` (without `\n`). */
    lineHash(buf: Buffer, start: number, end: number): string {
      // The suffix is `,"hash":"<64 hex>"}` (75 bytes); the hashed body ends with `}` in its place.
      const bodyPrefix = end - 75 - start;
      const total = 64 + bodyPrefix + 1;
      if (total > this.#scratch.length) {
        const grown = Buffer.allocUnsafe(Math.max(total, this.#scratch.length * 2));
        this.#scratch.copy(grown, 0, 0, 64);
        this.#scratch = grown;
      }
      buf.copy(this.#scratch, 64, start, start + bodyPrefix);
      this.#scratch[64 + bodyPrefix] = 0x7d;
      return sha256Hex(this.#scratch.subarray(0, total));
    }

    /** True when the line chains to the previous hash (a line too short for a hash suffix does not); nothing moves. */
    matches(buf: Buffer, start: number, end: number): boolean {
      if (end - start < 77) return false;
      const computed = this.lineHash(buf, start, end);
      const stored = end - 66;
      for (let i = 0; i < 64; i++) if (computed.charCodeAt(i) !== buf[stored + i]) return false;
      return true;
    }

    /** Makes the line's stored hash the previous one (after `matches`). */
    advance(buf: Buffer, end: number): void {
      const stored = end - 66;
      const scratch = this.#scratch;
      for (let i = 0; i < 64; i++) scratch[i] = buf[stored + i] as number;
    }

    /** `matches`, then `advance` when it does. */
    follow(buf: Buffer, start: number, end: number): boolean {
      if (!this.matches(buf, start, end)) return false;
      this.advance(buf, end);
      return true;
    }
  };

export const ChainFollower = defineChainFollower((data) => hash("sha256", data, "hex"));

/** `SHA-256(prevHash || body)` for a body built by the writer. */
export const bodyHash = (prevHash: string, body: Buffer): string =>
  hash("sha256", Buffer.concat([Buffer.from(prevHash, "latin1"), body]), "hex");

export interface SealedRecord {
  readonly line: Buffer;
  readonly hash: string;
}

/** Turns a record body (a JSON object's text) into its line: the hash member inserted last, then `\n`. */
export const sealRecord = (body: string, prevHash: string): SealedRecord => {
  const bodyBytes = Buffer.from(body, "utf8");
  if (bodyBytes[bodyBytes.length - 1] !== CLOSE_BRACE)
    throw new TypeError("a record body must be a JSON object");
  const recordHash = bodyHash(prevHash, bodyBytes);
  const line = Buffer.allocUnsafe(bodyBytes.length - 1 + HASH_SUFFIX_LENGTH + 1);
  let at = bodyBytes.copy(line, 0, 0, bodyBytes.length - 1);
  at += HASH_MEMBER_OPEN.copy(line, at);
  at += line.write(recordHash, at, HEX_LENGTH, "latin1");
  at += HASH_MEMBER_CLOSE.copy(line, at);
  line[at] = NEWLINE;
  if (at > MAX_RECORD_BYTES)
    throw new RangeError(
      `a journal record of ${at} bytes is longer than the limit of ${MAX_RECORD_BYTES} bytes`,
    );
  return { line, hash: recordHash };
};
