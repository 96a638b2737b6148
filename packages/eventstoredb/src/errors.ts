/** Why an EventStoreDB operation failed for infrastructure reasons (these are faults, thrown, never domain errors). */
export type EventStoreDbFailureReason =
  /** No connection could be made (refused, DNS, TLS, leader lost), after the configured retries. */
  | "unreachable"
  /** The server did not answer within the configured time. */
  | "timeout"
  | "access-denied"
  /** An append exceeded the server's maximum append size. */
  | "too-large"
  /** A stored event lacks the Insieme envelope or is not JSON (written by something else). */
  | "invalid-event"
  /** Anything else the server or the client library reported. */
  | "server-error";

export class EventStoreDbError extends Error {
  readonly _tag = "EventStoreDbError";

  constructor(
    readonly reason: EventStoreDbFailureReason,
    /** What the adapter was doing, e.g. "append to 'candidate-1'". */
    readonly operation: string,
    /** What went wrong, without the operation. */
    readonly detail: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`EventStoreDB ${operation}: ${detail}`, options);
    this.name = "EventStoreDbError";
  }
}

export const isEventStoreDbError = (error: unknown): error is EventStoreDbError =>
  error instanceof EventStoreDbError;

/** Returned (not thrown) by `connectEventStoreDb` when the configuration is wrong. */
export interface InvalidEventStoreDbConfig {
  readonly _tag: "InvalidEventStoreDbConfig";
  /** The option at fault: "connectionString" or an option name. */
  readonly field: string;
  readonly message: string;
}

/** Returned (not thrown) by `connectEventStoreDb` when the server cannot be reached within the retry budget. */
export interface EventStoreDbUnreachable {
  readonly _tag: "EventStoreDbUnreachable";
  readonly location: string;
  readonly attempts: number;
  readonly message: string;
  readonly cause: EventStoreDbError;
}

export type EventStoreDbConnectError = InvalidEventStoreDbConfig | EventStoreDbUnreachable;
