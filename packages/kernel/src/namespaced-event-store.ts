import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { AppendSignal } from "./append-signal.js";
import { catchUpSubscription } from "./catch-up-subscription.js";
import type { NewEvent, RecordedEvent } from "./envelope.js";
import type { AppendError } from "./errors.js";
import type {
  AppendResult,
  EventStore,
  ImportResult,
  ReadAllOptions,
  ReadStreamOptions,
  StoreDescription,
  StreamMetadata,
  StreamState,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from "./event-store.js";
import type { ExpectedRevision } from "./expected-revision.js";

const NAMESPACE = /^[a-z0-9-]{1,64}$/;

/**
 * One programme's view of a store that several programmes share: its streams are stored as `<namespace>/<stream>`,
 * and every read (streams, the whole log, subscriptions, the head) sees that namespace only, with the names it
 * wrote. Global positions are the shared store's (a namespace's are increasing, not contiguous). The whole log of
 * the namespace and its head are read through the store's own index of the namespace (`readNamespace`,
 * `namespaceHeadPosition`), never by reading other programmes' events; a store without that index is refused.
 */
export class NamespacedEventStore implements EventStore {
  private readonly prefix: string;
  readonly soleWriter?: boolean;

  constructor(
    private readonly inner: EventStore,
    readonly namespace: string,
  ) {
    if (!NAMESPACE.test(namespace))
      throw new RangeError(`namespace '${namespace}': expected 1-64 lowercase letters, digits or -`);
    if (inner.readNamespace === undefined || inner.namespaceHeadPosition === undefined)
      throw new NamespacesUnsupported(inner.describe().kind);
    this.prefix = `${namespace}/`;
    if (inner.soleWriter !== undefined) this.soleWriter = inner.soleWriter;
  }

  private outer = (event: RecordedEvent): RecordedEvent => ({
    ...event,
    streamId: event.streamId.slice(this.prefix.length),
  });

  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Either<AppendError, AppendResult>> {
    return this.inner
      .append(this.prefix + streamId, events, expected)
      .then((r) =>
        E.isLeft(r) && "streamId" in r.left ? E.left({ ...r.left, streamId } as AppendError) : r,
      );
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readStream(this.prefix + streamId, options)) yield this.outer(event);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const event of this.readNamespaceOf(options)) yield this.outer(event);
  }

  private readNamespaceOf(options: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return (this.inner.readNamespace as NonNullable<EventStore["readNamespace"]>).call(
      this.inner,
      this.namespace,
      options,
    );
  }

  /**
   * A catch-up subscription over the namespace alone: its history through `readNamespace`, then, to learn of new
   * appends, a live subscription of the shared store from its head at that moment, filtered to the namespace (it
   * reads what is appended from then on, never the others' history).
   */
  subscribe(options: SubscribeOptions = {}): Subscription {
    const appended = new AppendSignal();
    let live: Subscription | null = null;
    let closed = false;
    const startLive = async (): Promise<void> => {
      if (live !== null || closed) return;
      const from = await this.inner.headPosition();
      if (live !== null || closed) return;
      const subscription = this.inner.subscribe({ after: from, filter: { streamPrefixes: [this.prefix] } });
      live = subscription;
      void (async () => {
        for await (const message of subscription) if (message.kind === "event") appended.notify();
      })();
    };
    const prefixes = (options.filter?.streamPrefixes ?? [""]).map((p) => this.prefix + p);
    const inner = catchUpSubscription(
      {
        readAll: (after) => this.readNamespaceOf({ after }),
        waitForAppend: async (after, signal) => {
          await startLive();
          const waiting = appended.wait(signal);
          if (((await this.headPosition()) ?? -1) > (after ?? -1)) return;
          await waiting;
        },
      },
      options.after ?? null,
      {
        streamPrefixes: prefixes,
        ...(options.filter?.eventTypes === undefined ? {} : { eventTypes: options.filter.eventTypes }),
      },
    );
    const outer = this.outer;
    return {
      close: async () => {
        closed = true;
        await inner.close();
        await (live as Subscription | null)?.close();
      },
      async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
        for await (const message of inner)
          yield message.kind === "event" ? { kind: "event", event: outer(message.event) } : message;
      },
    };
  }

  streamState(streamId: string): Promise<StreamState> {
    return this.inner.streamState(this.prefix + streamId);
  }

  getStreamMetadata(streamId: string): Promise<StreamMetadata | null> {
    return this.inner.getStreamMetadata(this.prefix + streamId);
  }

  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    return this.inner.setStreamMetadata(this.prefix + streamId, metadata);
  }

  deleteStream(streamId: string, expected: ExpectedRevision): Promise<Either<AppendError, void>> {
    return this.inner.deleteStream(this.prefix + streamId, expected);
  }

  importHistory(events: AsyncIterable<RecordedEvent>): Promise<Either<AppendError, ImportResult>> {
    const prefix = this.prefix;
    return this.inner.importHistory(
      (async function* () {
        for await (const event of events) yield { ...event, streamId: prefix + event.streamId };
      })(),
    );
  }

  /** The position of the namespace's last event (from the store's index of the namespace). */
  headPosition(): Promise<number | null> {
    return (this.inner.namespaceHeadPosition as NonNullable<EventStore["namespaceHeadPosition"]>).call(
      this.inner,
      this.namespace,
    );
  }

  describe(): StoreDescription {
    const d = this.inner.describe();
    return { kind: d.kind, location: `${d.location}#${this.namespace}` };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A store that cannot read one namespace without reading the others' events cannot be shared by programmes. */
export class NamespacesUnsupported extends Error {
  override readonly name = "NamespacesUnsupported";
  constructor(readonly storeKind: string) {
    super(
      `the ${storeKind} store cannot read one programme's streams without scanning the others': several programmes share a memory, journal or PostgreSQL store`,
    );
  }
}
