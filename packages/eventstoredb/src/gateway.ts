import type { ExpectedRevision } from "@insieme/kernel";

/**
 * The adapter's only view of EventStoreDB: the few `Streams` operations it uses, in plain numbers and tagged
 * outcomes. `db-client-gateway.ts` is the single file that knows the client library, so moving to another
 * client (e.g. `@kurrent/kurrentdb-client`) means rewriting that file only.
 */
export interface StreamsGateway {
  append(
    streamId: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): Promise<WriteOutcome>;
  /** Hard delete: the stream can never be written again. */
  tombstone(streamId: string, expected: ExpectedRevision): Promise<WriteOutcome>;
  /** Fails with `StreamAbsent` when the stream does not exist or is tombstoned. */
  readStream(streamId: string, options: GatewayRead<number>): AsyncIterable<StoredEvent>;
  /** Every event of `$all` (system events included), from a commit position, inclusive. */
  readAll(options: GatewayRead<number>): AsyncIterable<StoredEvent>;
  /** Live `$all` events strictly after `after`, filtered on the server. */
  subscribeToAll(after: number | null, filter: ServerFilter): LiveEvents;
  close(): Promise<void>;
}

export interface ProposedEvent {
  /** A UUID. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface StoredEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  /** Commit position in `$all`; null when the server does not report it (stream reads before 22.6). */
  readonly position: number | null;
  readonly type: string;
  readonly data: unknown;
  /** Parsed JSON metadata, raw bytes when it is not JSON, undefined when absent. */
  readonly metadata: unknown;
  readonly created: Date;
}

export type WriteOutcome =
  | { readonly kind: "written"; readonly revision: number; readonly position: number | null }
  | { readonly kind: "wrong-revision"; readonly actual: number | null }
  | { readonly kind: "deleted" };

export interface GatewayRead<P> {
  readonly direction: "forwards" | "backwards";
  readonly from: "start" | "end" | P;
  readonly maxCount?: number;
}

/** What the server filters a subscription on (the adapter filters again on the client, exactly). */
export type ServerFilter =
  | { readonly on: "stream-name" | "event-type"; readonly prefixes: readonly string[] }
  | { readonly on: "stream-name" | "event-type"; readonly regex: string };

export interface LiveEvents extends AsyncIterable<StoredEvent> {
  /** Resolves when the server confirms the subscription; rejects with an `EventStoreDbError` if it cannot. */
  readonly confirmed: Promise<void>;
  close(): Promise<void>;
}

/** The stream does not exist (`deleted: false`) or was tombstoned (`deleted: true`). */
export class StreamAbsent extends Error {
  constructor(
    readonly streamId: string,
    readonly deleted: boolean,
  ) {
    super(`stream '${streamId}' ${deleted ? "is deleted" : "does not exist"}`);
    this.name = "StreamAbsent";
  }
}
