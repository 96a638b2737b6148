/** Errors are values: every failure the kernel can report is one of these tagged objects. */

/** A command was refused by a business rule. `rule` names the rule for people and for tests. */
export interface DomainError {
  readonly _tag: "DomainError";
  readonly rule: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export const domainError = (
  rule: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError =>
  details === undefined
    ? { _tag: "DomainError", rule, message }
    : { _tag: "DomainError", rule, message, details };

/** The stream was not at the revision the writer expected. `actual` is null when the stream does not exist. */
export interface WrongExpectedRevision {
  readonly _tag: "WrongExpectedRevision";
  readonly streamId: string;
  readonly expected: string;
  readonly actual: number | null;
  readonly message: string;
}

export const wrongExpectedRevision = (
  streamId: string,
  expected: string,
  actual: number | null,
): WrongExpectedRevision => ({
  _tag: "WrongExpectedRevision",
  streamId,
  expected,
  actual,
  message: `stream '${streamId}': expected revision ${expected}, actual ${actual === null ? "no stream" : actual}`,
});

/** The stream was deleted (tombstoned) and accepts no more events. */
export interface StreamDeleted {
  readonly _tag: "StreamDeleted";
  readonly streamId: string;
  readonly message: string;
}

export const streamDeleted = (streamId: string): StreamDeleted => ({
  _tag: "StreamDeleted",
  streamId,
  message: `stream '${streamId}' is deleted`,
});

/** A stored or submitted event could not be turned into a current, valid domain event. */
export interface EventDecodeError {
  readonly _tag: "EventDecodeError";
  readonly reason: "unknown-type" | "unknown-version" | "invalid-data" | "upcast-failed";
  readonly type: string;
  readonly version: number;
  readonly message: string;
  /** Where the event sits, when known (stream and revision, or global position). */
  readonly at?: string;
}

export const eventDecodeError = (
  reason: EventDecodeError["reason"],
  type: string,
  version: number,
  message: string,
  /** Where the event is; a function when building the text costs more than the success path should pay. */
  location?: string | (() => string),
): EventDecodeError => {
  if (location === undefined) return { _tag: "EventDecodeError", reason, type, version, message };
  const at = typeof location === "string" ? location : location();
  return { _tag: "EventDecodeError", reason, type, version, message: `${message} (at ${at})`, at };
};

export type AppendError = WrongExpectedRevision | StreamDeleted;
