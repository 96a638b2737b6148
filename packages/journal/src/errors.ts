import type { RecordFailureReason } from "./record-scanner.js";

/** The directory, or the journal file in it, does not exist (and was not to be created). */
export interface JournalNotFound {
  readonly _tag: "JournalNotFound";
  readonly path: string;
  readonly message: string;
}

/** The path holds something that is not a journal: a plain file, or a journal file without a journal header. */
export interface NotAJournal {
  readonly _tag: "NotAJournal";
  readonly path: string;
  readonly message: string;
}

/** The journal file exists but is empty (a journal always starts with its header line). */
export interface EmptyJournalFile {
  readonly _tag: "EmptyJournalFile";
  readonly path: string;
  readonly message: string;
}

/** The journal was written by a newer library, with a format this one does not know. */
export interface UnsupportedFormatVersion {
  readonly _tag: "UnsupportedFormatVersion";
  readonly path: string;
  readonly found: number;
  readonly supported: number;
  readonly message: string;
}

/** Another live process holds the writer lock. */
export interface JournalLocked {
  readonly _tag: "JournalLocked";
  readonly path: string;
  readonly pid: number | null;
  readonly host: string | null;
  readonly since: string | null;
  readonly message: string;
}

export type CorruptionReason =
  | RecordFailureReason
  | "header"
  | "incomplete-record"
  | "decode"
  | "anchor-missing";

/**
 * The first bad record: `position` is the global position the record holds or should hold (null for the
 * header), `line` is 1-based (the header is line 1), `byteOffset` is where the line starts.
 */
export interface JournalCorrupt {
  readonly _tag: "JournalCorrupt";
  readonly path: string;
  readonly position: number | null;
  readonly line: number;
  readonly byteOffset: number;
  readonly reason: CorruptionReason;
  readonly message: string;
}

/**
 * The journal's header records the fingerprint of another key than the one it is opened with: the host's
 * pseudonyms (e.g. the keyed hash of a codice fiscale) would not match those already in the journal.
 */
export interface KeyFingerprintMismatch {
  readonly _tag: "KeyFingerprintMismatch";
  readonly path: string;
  readonly recorded: string;
  readonly given: string;
  readonly message: string;
}

export const keyFingerprintMismatch = (
  path: string,
  recorded: string,
  given: string,
): KeyFingerprintMismatch => ({
  _tag: "KeyFingerprintMismatch",
  path,
  recorded,
  given,
  message: `${path} was created with another key: its header records key fingerprint ${recorded}, the key given has ${given}; open it with the keys that belong to it (nothing was written)`,
});

export type JournalOpenError =
  | KeyFingerprintMismatch
  | JournalNotFound
  | NotAJournal
  | EmptyJournalFile
  | UnsupportedFormatVersion
  | JournalLocked
  | JournalCorrupt;

export type JournalVerifyError =
  | JournalNotFound
  | NotAJournal
  | EmptyJournalFile
  | UnsupportedFormatVersion
  | JournalCorrupt;

export const journalNotFound = (path: string, what: string): JournalNotFound => ({
  _tag: "JournalNotFound",
  path,
  message: `no journal at ${path}: ${what}`,
});

export const notAJournal = (path: string, why: string): NotAJournal => ({
  _tag: "NotAJournal",
  path,
  message: `${path} is not a journal: ${why}`,
});

export const emptyJournalFile = (path: string): EmptyJournalFile => ({
  _tag: "EmptyJournalFile",
  path,
  message: `${path} is empty: a journal starts with its header line`,
});

export const unsupportedFormatVersion = (
  path: string,
  found: number,
  supported: number,
): UnsupportedFormatVersion => ({
  _tag: "UnsupportedFormatVersion",
  path,
  found,
  supported,
  message: `${path} has journal format version ${found}; this library reads version ${supported} and older`,
});

export const journalLocked = (
  path: string,
  owner: { readonly pid: number | null; readonly host: string | null; readonly since: string | null },
): JournalLocked => ({
  _tag: "JournalLocked",
  path,
  ...owner,
  message: `${path} is locked by another writer (pid ${owner.pid ?? "unknown"} on ${owner.host ?? "unknown host"}, since ${owner.since ?? "unknown"})`,
});

export const journalCorrupt = (
  path: string,
  at: { readonly position: number | null; readonly line: number; readonly byteOffset: number },
  reason: CorruptionReason,
  detail: string,
): JournalCorrupt => ({
  _tag: "JournalCorrupt",
  path,
  ...at,
  reason,
  message: `${path}: ${at.position === null ? "header" : `position ${at.position}`} (line ${at.line}, byte ${at.byteOffset}): ${reason}: ${detail}`,
});

/** Thrown by reads that meet a record that no longer matches the chain verified at open (the file changed). */
export class JournalCorruptError extends Error {
  constructor(readonly corruption: JournalCorrupt) {
    super(corruption.message);
    this.name = "JournalCorruptError";
  }
}
