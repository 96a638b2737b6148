import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
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
 * wrote. Global positions are the shared store's (a namespace's are increasing, not contiguous). Reading the whole
 * log of one namespace reads the shared log and keeps its events: a store shared by many large programmes is better
 * split.
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
    this.prefix = `${namespace}/`;
    if (inner.soleWriter !== undefined) this.soleWriter = inner.soleWriter;
  }

  private inside = (event: RecordedEvent): boolean => event.streamId.startsWith(this.prefix);

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
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (max <= 0) return;
    let n = 0;
    for await (const event of this.inner.readAll({ after: options.after ?? null })) {
      if (!this.inside(event)) continue;
      yield this.outer(event);
      if (++n >= max) return;
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const prefixes = (options.filter?.streamPrefixes ?? [""]).map((p) => this.prefix + p);
    const inner = this.inner.subscribe({
      after: options.after ?? null,
      filter: {
        streamPrefixes: prefixes,
        ...(options.filter?.eventTypes === undefined ? {} : { eventTypes: options.filter.eventTypes }),
      },
    });
    const outer = this.outer;
    return {
      close: () => inner.close(),
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

  /** The position of the namespace's last event (read through the shared log). */
  async headPosition(): Promise<number | null> {
    let head: number | null = null;
    for await (const event of this.inner.readAll()) if (this.inside(event)) head = event.position;
    return head;
  }

  describe(): StoreDescription {
    const d = this.inner.describe();
    return { kind: d.kind, location: `${d.location}#${this.namespace}` };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
