import type {
  Actor,
  AppendError,
  AppendResult,
  CommandError,
  Decider,
  DomainEvent,
  EventRegistry,
  EventStore,
  IdGenerator,
  NewEvent,
  RecordedEvent,
} from "@insieme/kernel";
import { type CommandIndex, fold, readStreamBatches } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { ConfigurationVersionInForce } from "../configuration/configuration.js";
import { KeyedQueue } from "./keyed-queue.js";

/** A stream's state as last seen and its revision. */
interface Cached<S> {
  readonly state: S;
  readonly revision: number | null;
}

/** The event as stored: its data records the configuration version that decided it. */
const stamped = <Ev extends DomainEvent>(event: Ev, context: WriteContext): Ev =>
  ({ type: event.type, data: { ...(event.data as object), configuration: context.configuration.ref } }) as Ev;

interface InFlight<S> {
  readonly state: S;
  readonly revision: number;
  /**
   * The append this one was decided on top of, while that one is still in flight (cut when it settles: an
   * append that succeeded implies its ancestors did, so only the in-flight part of the chain matters).
   */
  parent: InFlight<S> | null;
  /** Resolves when the append is durable or refused. */
  readonly settled: Promise<void>;
}

export interface Loaded<S> {
  readonly state: S;
  readonly revision: number | null;
}

/** What an append needs besides the events: the command's identity, time, actor and deciding configuration. */
export interface WriteContext {
  readonly commandId: string;
  /** The command's tag (command-tag.ts in the kernel), carried by the ids of the events it writes. */
  readonly tag: number;
  /** The ids of the command's events (tagged with `tag`). */
  readonly eventIds: IdGenerator;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  /** The configuration version in force on `occurredAt`: it decides the command, every event written records it. */
  readonly configuration: ConfigurationVersionInForce;
}

export interface Written<Ev> {
  readonly streamId: string;
  readonly events: readonly Ev[];
  readonly revision: number | null;
}

/**
 * The command handler of one stream kind, with a per-stream cache of the folded state. Deciding starts from the
 * cached state without reading the store (every append through this handler updates the cache); the append's
 * expected revision is the guard: if anything else wrote to the stream, the append fails, the handler reads the
 * events after the cached revision (`fromRevision`, never the whole stream) and decides again. So a command costs
 * one decide and one append, whatever the stream's length, and writes by other processes are still honoured.
 */
export class StreamHandler<C, S, Ev extends DomainEvent> {
  private readonly cache = new Map<string, Cached<S>>();
  private readonly queue = new KeyedQueue();
  /** Per stream, the state after this process's latest append that the store accepted but has not confirmed. */
  private readonly inFlight = new Map<string, InFlight<S>>();

  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry<Ev>,
    private readonly decider: Decider<C, S, Ev>,
    private readonly commands: CommandIndex,
    private readonly maxCachedStreams: number,
  ) {}

  /**
   * The stream's state. `fresh`: also read what the store holds after the cached revision (for reads, cross-stream
   * facts and retries); otherwise a cached state is returned as it is, and the append's expected revision guards it.
   */
  async load(streamId: string, fresh = true): Promise<Either<CommandError, Loaded<S>>> {
    let cached = this.cache.get(streamId);
    if (!fresh && cached !== undefined) return E.right({ state: cached.state, revision: cached.revision });
    let state = cached?.state ?? this.decider.initialState;
    let revision = cached?.revision ?? null;
    const from = revision === null ? "start" : revision + 1;
    let read = false;
    for await (const batch of readStreamBatches(this.store, streamId, { fromRevision: from })) {
      for (const recorded of batch) {
        const decoded = this.registry.decodeRecorded(recorded);
        if (E.isLeft(decoded)) return decoded;
        state = this.decider.evolve(state, { type: decoded.right.type, data: decoded.right.data } as Ev);
        revision = recorded.revision;
        read = true;
      }
    }
    if (read || cached === undefined) {
      cached = { state, revision };
      this.remember(streamId, cached);
    }
    return E.right({ state, revision });
  }

  decide(command: C, state: S): Either<CommandError, readonly Ev[]> {
    return this.decider.decide(command, state);
  }

  /** Appends decided events at the loaded revision and folds them into the cache. */
  async append(
    streamId: string,
    loaded: Loaded<S>,
    events: readonly Ev[],
    context: WriteContext,
  ): Promise<Either<CommandError, Written<Ev>>> {
    if (events.length === 0) return E.right({ streamId, events, revision: loaded.revision });
    const submitted = this.submit(streamId, loaded.revision, events, context);
    if (E.isLeft(submitted)) return submitted;
    const appended = await submitted.right;
    return this.written(
      streamId,
      loaded.revision,
      fold(this.decider, events, loaded.state),
      events,
      appended,
      context,
    );
  }

  /**
   * Load, decide with `build(state)`, append; on a concurrent write, load and decide again (bounded). Runs on
   * the same stream from this process take turns, so a busy stream (a year's fund) is not lost to retries
   * between its own writers; the expected revision still guards against writers elsewhere. On a store that is
   * the sole writer of its streams, a turn ends once the store has accepted the append: the next run decides on
   * top of it while it becomes durable, and the writers of one stream share group commits.
   */
  async run(
    streamId: string,
    build: (state: S) => Either<CommandError, C>,
    context: WriteContext,
    maxRetries = 5,
  ): Promise<Either<CommandError, Written<Ev>>> {
    for (let attempt = 0; ; attempt++) {
      const submitted = await this.queue.run(streamId, () =>
        this.decideAndSubmit(streamId, build, context, attempt > 0),
      );
      if (E.isLeft(submitted)) return submitted;
      const written = await submitted.right.written;
      if (E.isLeft(written) && written.left._tag === "WrongExpectedRevision" && attempt < maxRetries)
        continue;
      return written;
    }
  }

  /** One turn of `run`: the state to decide on, the decision, and the append handed to the store. */
  private async decideAndSubmit(
    streamId: string,
    build: (state: S) => Either<CommandError, C>,
    context: WriteContext,
    retry: boolean,
  ): Promise<Either<CommandError, { readonly written: Promise<Either<CommandError, Written<Ev>>> }>> {
    if (retry) {
      // After a conflict, decide on what is durable once this process's appends in flight have settled.
      for (let ahead = this.inFlight.get(streamId); ahead !== undefined; ahead = this.inFlight.get(streamId))
        await ahead.settled;
    }
    const parent = this.inFlight.get(streamId) ?? null;
    const base = parent ?? (retry ? undefined : this.cache.get(streamId));
    let state: S;
    let revision: number | null;
    if (base !== undefined) {
      state = base.state;
      revision = base.revision;
    } else {
      const loaded = await this.load(streamId, true);
      if (E.isLeft(loaded)) return loaded;
      state = loaded.right.state;
      revision = loaded.right.revision;
    }
    const command = build(state);
    if (E.isLeft(command)) return command;
    const decided = this.decide(command.right, state);
    if (E.isLeft(decided)) return decided;
    const events = decided.right;
    if (events.length === 0)
      return E.right({ written: Promise.resolve(E.right({ streamId, events, revision })) });
    const submitted = this.submit(streamId, revision, events, context);
    if (E.isLeft(submitted)) return submitted;
    const after = fold(this.decider, events, state);
    if (this.store.soleWriter !== true) {
      const appended = await submitted.right;
      return E.right({
        written: Promise.resolve(this.written(streamId, revision, after, events, appended, context)),
      });
    }
    let settle = (): void => undefined;
    const entry: InFlight<S> = {
      state: after,
      revision: (revision ?? -1) + events.length,
      parent,
      settled: new Promise<void>((resolve) => {
        settle = resolve;
      }),
    };
    this.inFlight.set(streamId, entry);
    const done = (): void => {
      if (this.inFlight.get(streamId) === entry) this.inFlight.delete(streamId);
      entry.parent = null;
      settle();
    };
    const written = submitted.right.then(
      (appended) => {
        if (E.isLeft(appended)) this.forgetDescendants(streamId, entry);
        const outcome = this.written(streamId, revision, after, events, appended, context);
        done();
        return outcome;
      },
      (error: unknown) => {
        this.forgetDescendants(streamId, entry);
        done();
        throw error;
      },
    );
    return E.right({ written });
  }

  /** A refused append voids what was decided on top of it (those appends will be refused too), and only that. */
  private forgetDescendants(streamId: string, refused: InFlight<S>): void {
    for (let e = this.inFlight.get(streamId) ?? null; e !== null; e = e.parent) {
      if (e === refused) {
        this.inFlight.delete(streamId);
        return;
      }
    }
  }

  /** Encodes the events and hands them to the store at `revision`; the promise settles with the append. */
  private submit(
    streamId: string,
    revision: number | null,
    events: readonly Ev[],
    context: WriteContext,
  ): Either<CommandError, Promise<Either<AppendError, AppendResult>>> {
    const toAppend: NewEvent[] = [];
    for (const event of events) {
      const encoded = this.registry.encode(stamped(event, context));
      if (E.isLeft(encoded)) return encoded;
      toAppend.push({
        eventId: context.eventIds.next(),
        type: encoded.right.type,
        version: encoded.right.version,
        data: encoded.right.data,
        occurredAt: context.occurredAt,
        correlationId: context.correlationId,
        causationId: context.commandId,
        actor: context.actor,
      });
    }
    return E.right(this.store.append(streamId, toAppend, revision === null ? "no_stream" : revision));
  }

  /** The outcome of an append decided at `revision`, `after` being the state it leads to; success moves the cache. */
  private written(
    streamId: string,
    revision: number | null,
    after: S,
    events: readonly Ev[],
    appended: Either<AppendError, AppendResult>,
    context: WriteContext,
  ): Either<CommandError, Written<Ev>> {
    if (E.isLeft(appended)) return appended;
    const next = appended.right.nextExpectedRevision;
    this.commands.record(context.commandId, streamId, context.tag);
    const cached = this.cache.get(streamId);
    if (cached !== undefined && (cached.revision ?? -1) <= (revision ?? -1))
      this.remember(streamId, { state: after, revision: next });
    return E.right({ streamId, events: events.map((e) => stamped(e, context)), revision: next });
  }

  /** The events a command wrote to a stream (for repeated commands: their first outcome). */
  async writtenBy(streamId: string, commandId: string): Promise<Either<CommandError, readonly Ev[]>> {
    const events: Ev[] = [];
    for await (const batch of readStreamBatches(this.store, streamId)) {
      for (const recorded of batch) {
        if (recorded.causationId !== commandId) continue;
        const decoded = this.registry.decodeRecorded(recorded as RecordedEvent);
        if (E.isLeft(decoded)) return decoded;
        events.push({ type: decoded.right.type, data: decoded.right.data } as Ev);
      }
    }
    return E.right(events);
  }

  private remember(streamId: string, entry: Cached<S>): void {
    if (!this.cache.has(streamId) && this.cache.size >= this.maxCachedStreams) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(streamId, entry);
  }
}
