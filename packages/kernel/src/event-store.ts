import type { Either } from "fp-ts/lib/Either.js";
import type { NewEvent, RecordedEvent } from "./envelope.js";
import type { AppendError } from "./errors.js";
import type { ExpectedRevision } from "./expected-revision.js";

export interface AppendResult {
  /** Revision of the stream's last event after the append (what to expect next time). */
  readonly nextExpectedRevision: number;
  /** Global positions of the appended events, in order. */
  readonly positions: readonly number[];
}

export interface ReadStreamOptions {
  readonly direction?: "forwards" | "backwards";
  /** Inclusive start; defaults to the first event going forwards and the last going backwards. */
  readonly fromRevision?: number | "start" | "end";
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Only events with a global position strictly greater than this; null or absent: from the beginning. */
  readonly after?: number | null;
  readonly maxCount?: number;
}

/** Keeps events whose stream id starts with one of the prefixes and/or whose type is one of the types. */
export interface EventFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  /** Deliver events after this global position (a stored checkpoint); null or absent: from the beginning. */
  readonly after?: number | null;
  readonly filter?: EventFilter;
}

/** A catch-up subscription delivers history, then one `caughtUp`, then live events as they are appended. */
export type SubscriptionMessage =
  | { readonly kind: "event"; readonly event: RecordedEvent }
  | { readonly kind: "caughtUp"; readonly position: number | null };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops delivery; the iteration ends after the message being handled. */
  close(): Promise<void>;
}

export interface StreamState {
  /** Revision of the last event, or null when the stream has no events. */
  readonly revision: number | null;
  readonly deleted: boolean;
}

/** Result of moving a whole history into a store. */
export interface ImportResult {
  readonly events: number;
  readonly streams: number;
  readonly headPosition: number | null;
}

export type StreamMetadata = Readonly<Record<string, unknown>>;

/** Describes a store for provenance (reports say what they were computed from). */
export interface StoreDescription {
  readonly kind: string;
  readonly location: string;
}

/**
 * The event store port, with EventStoreDB's semantics so that every adapter is a thin mapping.
 * Reads are async iterables that stream: nothing requires a whole stream or log to be in memory.
 */
export interface EventStore {
  /**
   * True when this store object is the only writer of its streams (the in-memory store; a journal holding its
   * writer lock): an append it has accepted cannot be overtaken by another writer, so the same process may
   * decide on top of its own appends before they are durable. Absent for stores shared by several writers.
   */
  readonly soleWriter?: boolean;
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Either<AppendError, AppendResult>>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /**
   * The same events as `readStream`, in the same order, handed out as arrays (one asynchronous step per batch,
   * not per event); every array is non-empty and bounded, so a long stream is never one array. Optional: callers
   * use the kernel's `readStreamBatches(store, ...)`, which groups `readStream` for stores that leave it out.
   */
  readStreamBatches?(streamId: string, options?: ReadStreamOptions): AsyncIterable<readonly RecordedEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional: `readAll` limited to one namespace — the streams whose id is `<namespace>/<rest>` — read through the
   * store's own index of that namespace, never by reading other streams' events. `NamespacedEventStore` (several
   * programmes in one store) needs it, with `namespaceHeadPosition`.
   */
  readNamespace?(namespace: string, options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Optional: the global position of the namespace's last event, from the store's index (null: none). */
  namespaceHeadPosition?(namespace: string): Promise<number | null>;
  subscribe(options?: SubscribeOptions): Subscription;
  streamState(streamId: string): Promise<StreamState>;
  getStreamMetadata(streamId: string): Promise<StreamMetadata | null>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;
  /** Tombstones a stream: its reads become empty and appends fail with StreamDeleted. Its events stay in the global log. */
  deleteStream(streamId: string, expected: ExpectedRevision): Promise<Either<AppendError, void>>;
  /**
   * Moves a whole history (read from another store, in global order) into this one: event ids, streams, revisions,
   * order, `occurredAt`, `recordedAt` and metadata are kept; global positions are this store's own. Each event is
   * appended as if expecting revision `revision - 1` (or no stream), so importing over existing streams fails with
   * WrongExpectedRevision at the first clash.
   */
  importHistory(events: AsyncIterable<RecordedEvent>): Promise<Either<AppendError, ImportResult>>;
  /** Global position of the last recorded event, or null for an empty store. */
  headPosition(): Promise<number | null>;
  describe(): StoreDescription;
  close(): Promise<void>;
}

export const matchesFilter = (filter: EventFilter | undefined, streamId: string, type: string): boolean => {
  if (filter === undefined) return true;
  if (filter.streamPrefixes !== undefined && !filter.streamPrefixes.some((p) => streamId.startsWith(p)))
    return false;
  if (filter.eventTypes !== undefined && !filter.eventTypes.includes(type)) return false;
  return true;
};
