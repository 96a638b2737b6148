import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { IdGenerator } from "./clock.js";
import { type CommandEntry, CommandIndex } from "./command-index.js";
import { commandTag, taggedEventIds } from "./command-tag.js";
import { type Decider, fold } from "./decider.js";
import type { Actor, DomainEvent, NewEvent, RecordedEvent } from "./envelope.js";
import {
  type AppendError,
  type DomainError,
  domainError,
  type EventDecodeError,
  type StreamDeleted,
  type WrongExpectedRevision,
} from "./errors.js";
import type { EventRegistry } from "./event-registry.js";
import type { AppendResult, EventStore } from "./event-store.js";
import { KeyedQueue } from "./keyed-queue.js";
import { readStreamBatches } from "./read-stream-batches.js";

/** A command addressed to one stream, with everything deciding may not invent: its id, time and actor. */
export interface CommandEnvelope<C> {
  readonly commandId: string;
  readonly streamId: string;
  readonly command: C;
  /** Domain time of the command; becomes `occurredAt` of the events it produces. */
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId?: string;
}

export interface CommandOutcome<Ev extends DomainEvent> {
  readonly streamId: string;
  readonly events: readonly Ev[];
  /** Revision of the stream's last event after the command (null: the stream is still empty). */
  readonly revision: number | null;
  readonly positions: readonly number[];
  /** True when the command id had been handled before and this is its first outcome, returned again. */
  readonly duplicate: boolean;
}

export type CommandError = DomainError | WrongExpectedRevision | StreamDeleted | EventDecodeError;

export interface CommandHandlerOptions<C, S, Ev extends DomainEvent> {
  readonly store: EventStore;
  readonly registry: EventRegistry<Ev>;
  readonly decider: Decider<C, S, Ev>;
  /** Ids of the events `handle` writes (tagged with the command's tag when `commandKey` is given). */
  readonly eventIds: IdGenerator;
  /**
   * The store-wide index of command ids. Handlers of several stream kinds on one store share one, so that a
   * command id is unique across every stream. Default: an index of this handler's own.
   */
  readonly commands?: CommandIndex;
  /**
   * Secret key (at least 32 bytes) of the command tags (`command-tag.ts`). With it, a command arriving again
   * with a known id is the same command only when its stream and content are the same; without it, when its
   * stream is the same.
   */
  readonly commandKey?: Uint8Array;
  /** How many times to reload and decide again after a concurrency conflict. Default 5. */
  readonly maxRetries?: number;
  /** How many streams' folded states to keep in memory (oldest dropped first; 0 keeps none). Default 100,000. */
  readonly maxCachedStreams?: number;
  /** How many refused command ids to remember, so that a repeated refused command returns its first refusal. */
  readonly rememberRefusals?: number;
}

/** A stream's state as last seen and its revision (null: the stream is still empty). */
export interface Loaded<S> {
  readonly state: S;
  readonly revision: number | null;
}

/** What an append needs besides the events: the command's identity, time and actor. */
export interface WriteContext {
  readonly commandId: string;
  /** The command's tag (`command-tag.ts`), carried by the ids of the events it writes; null: untagged ids. */
  readonly tag: number | null;
  /** The ids of the command's events. */
  readonly eventIds: IdGenerator;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  /**
   * The event as it is stored and returned (e.g. with the rules that decided it recorded in its data); default
   * the decided event itself.
   */
  readonly stamp?: (event: DomainEvent) => DomainEvent;
}

/** What a command wrote to one stream. */
export interface Written<Ev> {
  readonly streamId: string;
  readonly events: readonly Ev[];
  readonly revision: number | null;
}

/** What a command wrote before, found again for a repeated command id. */
export interface Repeated<Ev> extends Written<Ev> {
  readonly positions: readonly number[];
}

/** A written outcome and the store positions of its events. */
interface Appended<Ev> {
  readonly written: Written<Ev>;
  readonly positions: readonly number[];
}

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

const NO_POSITIONS: readonly number[] = [];

/**
 * The one command handler, for the domain's streams and for a host's own: decide on the stream's state, append
 * with the expected revision, and on a conflict read only the events missed and decide again (bounded).
 *
 * - **Cache.** Each stream's folded state is kept (up to `maxCachedStreams`); deciding starts from it without
 *   reading the store, and every append through this handler moves it. The append's expected revision is the
 *   guard: if anything else wrote to the stream, the append fails, the handler reads the events after the cached
 *   revision (`fromRevision`, never the whole stream) and decides again. A command costs one decide and one
 *   append, whatever the stream's length, and writes by other processes are still honoured.
 * - **Turns.** Runs on one stream from one process take turns (`keyed-queue.ts`); on a store that is the sole
 *   writer of its streams a turn ends once the store has accepted the append, so the writers of a busy stream
 *   share group commits.
 * - **Command ids.** A command id is the causation id of the events it wrote; the store-wide `CommandIndex`
 *   finds it in a map lookup. A command arriving again with a known id returns its first outcome and writes
 *   nothing (a retry), unless it is another command (another stream, or other content when tags are on): then
 *   it is refused `command-id-reused`.
 *
 * `handle` is the whole path for a command addressed to one stream. A service whose commands span streams (the
 * domain's) drives `load`, `decide`, `append`, `run` and `repeated` itself, with the same index.
 */
export class CommandHandler<C, S, Ev extends DomainEvent> {
  private readonly cache = new Map<string, Loaded<S>>();
  private readonly queue = new KeyedQueue();
  /** Per stream, the state after this process's latest append that the store accepted but has not confirmed. */
  private readonly inFlight = new Map<string, InFlight<S>>();
  private readonly refusals = new Map<string, CommandError>();
  private readonly store: EventStore;
  private readonly registry: EventRegistry<Ev>;
  private readonly decider: Decider<C, S, Ev>;
  private readonly commands: CommandIndex;
  private readonly maxRetries: number;
  private readonly maxCachedStreams: number;
  private readonly rememberRefusals: number;

  constructor(private readonly options: CommandHandlerOptions<C, S, Ev>) {
    if (options.commandKey !== undefined && options.commandKey.length < 32)
      throw new RangeError("CommandHandler: commandKey must be at least 32 bytes");
    this.store = options.store;
    this.registry = options.registry;
    this.decider = options.decider;
    this.commands = options.commands ?? new CommandIndex(options.store);
    this.maxRetries = options.maxRetries ?? 5;
    this.maxCachedStreams = options.maxCachedStreams ?? 100_000;
    this.rememberRefusals = options.rememberRefusals ?? 10_000;
  }

  /**
   * Handles one command addressed to one stream: a known command id gives its first outcome again (or
   * `command-id-reused`), a new one is decided and appended. A refused command id is remembered, so the same
   * command sent again returns its first refusal.
   */
  async handle(envelope: CommandEnvelope<C>): Promise<Either<CommandError, CommandOutcome<Ev>>> {
    const { commandId, streamId } = envelope;
    const refused = this.refusals.get(commandId);
    if (refused !== undefined) return E.left(refused);
    const key = this.options.commandKey;
    const tag =
      key === undefined ? null : commandTag(key, commandId, { streamId, command: envelope.command });
    const release = await this.commands.claim(commandId);
    try {
      const first = await this.commands.find(commandId);
      if (first !== undefined) {
        const repeated = await this.repeated(streamId, commandId, tag, first);
        if (E.isLeft(repeated)) return repeated;
        return E.right({ ...repeated.right, duplicate: true });
      }
      const context: WriteContext = {
        commandId,
        tag,
        eventIds: tag === null ? this.options.eventIds : taggedEventIds(tag, this.options.eventIds),
        occurredAt: envelope.occurredAt,
        actor: envelope.actor,
        correlationId: envelope.correlationId ?? commandId,
      };
      const command = E.right(envelope.command);
      const result = await this.turns(streamId, () => command, context, this.maxRetries);
      if (E.isLeft(result)) {
        if (result.left._tag === "DomainError") this.rememberRefusal(commandId, result.left);
        return result;
      }
      return E.right({ ...result.right.written, positions: result.right.positions, duplicate: false });
    } finally {
      release();
    }
  }

  /**
   * A command id the index knows (`first`), arriving again on `streamId` with `tag`: the events it wrote to the
   * stream and the stream's revision when it is the same command, `command-id-reused` when it is another. Without
   * tags (`tag` or the first use's tag null), the same command is the one that wrote to the same stream.
   */
  async repeated(
    streamId: string,
    commandId: string,
    tag: number | null,
    first: CommandEntry,
  ): Promise<Either<CommandError, Repeated<Ev>>> {
    const previous = await this.recordedBy(streamId, commandId);
    if (E.isLeft(previous)) return previous;
    const same = tag !== null && first.tag !== null ? first.tag === tag : previous.right.length > 0;
    if (!same) {
      return E.left(
        domainError(
          "command-id-reused",
          `command id ${commandId} was already used for another command (first written to ${first.streamId}); a new command needs a new id`,
          { commandId, firstStream: first.streamId },
        ),
      );
    }
    const loaded = await this.load(streamId);
    if (E.isLeft(loaded)) return loaded;
    return E.right({
      streamId,
      events: previous.right.map((e) => ({ type: e.type, data: e.data }) as Ev),
      revision: loaded.right.revision,
      positions: previous.right.map((e) => e.position),
    });
  }

  /**
   * The stream's state. `fresh`: also read what the store holds after the cached revision (for reads,
   * cross-stream facts and retries); otherwise a cached state is returned as it is, and the append's expected
   * revision guards it.
   */
  async load(streamId: string, fresh = true): Promise<Either<CommandError, Loaded<S>>> {
    const cached = this.cache.get(streamId);
    if (!fresh && cached !== undefined) return E.right(cached);
    let state = cached?.state ?? this.decider.initialState;
    let revision = cached?.revision ?? null;
    let read = false;
    const fromRevision = revision === null ? "start" : revision + 1;
    for await (const batch of readStreamBatches(this.store, streamId, { fromRevision })) {
      for (const recorded of batch) {
        const decoded = this.registry.decodeRecorded(recorded);
        if (E.isLeft(decoded)) return decoded;
        // A recorded event is a domain event with its envelope: evolve reads only its type and data.
        state = this.decider.evolve(state, decoded.right as unknown as Ev);
        revision = recorded.revision;
        read = true;
      }
    }
    if (!read && cached !== undefined) return E.right(cached);
    const loaded = { state, revision };
    this.remember(streamId, loaded);
    return E.right(loaded);
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
    const after = fold(this.decider, events, loaded.state);
    const outcome = this.written(streamId, loaded.revision, after, events, appended, context);
    return E.isLeft(outcome) ? outcome : E.right(outcome.right.written);
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
    maxRetries = this.maxRetries,
  ): Promise<Either<CommandError, Written<Ev>>> {
    const result = await this.turns(streamId, build, context, maxRetries);
    return E.isLeft(result) ? result : E.right(result.right.written);
  }

  /** The events a command wrote to a stream (for repeated commands: their first outcome). */
  async writtenBy(streamId: string, commandId: string): Promise<Either<CommandError, readonly Ev[]>> {
    const recorded = await this.recordedBy(streamId, commandId);
    if (E.isLeft(recorded)) return recorded;
    return E.right(recorded.right.map((e) => ({ type: e.type, data: e.data }) as Ev));
  }

  private async recordedBy(
    streamId: string,
    commandId: string,
  ): Promise<Either<CommandError, readonly RecordedEvent<Ev["type"], Ev["data"]>[]>> {
    const events: RecordedEvent<Ev["type"], Ev["data"]>[] = [];
    for await (const batch of readStreamBatches(this.store, streamId)) {
      for (const recorded of batch) {
        if (recorded.causationId !== commandId) continue;
        const decoded = this.registry.decodeRecorded(recorded);
        if (E.isLeft(decoded)) return decoded;
        events.push(decoded.right);
      }
    }
    return E.right(events);
  }

  private async turns(
    streamId: string,
    build: (state: S) => Either<CommandError, C>,
    context: WriteContext,
    maxRetries: number,
  ): Promise<Either<CommandError, Appended<Ev>>> {
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
  ): Promise<Either<CommandError, { readonly written: Promise<Either<CommandError, Appended<Ev>>> }>> {
    if (retry) {
      // After a conflict, decide on what is durable once this process's appends in flight have settled.
      for (let ahead = this.inFlight.get(streamId); ahead !== undefined; ahead = this.inFlight.get(streamId))
        await ahead.settled;
    }
    const parent = this.inFlight.get(streamId) ?? null;
    let base: Loaded<S> | undefined = parent ?? (retry ? undefined : this.cache.get(streamId));
    if (base === undefined) {
      const loaded = await this.load(streamId, true);
      if (E.isLeft(loaded)) return loaded;
      base = loaded.right;
    }
    const { state, revision } = base;
    const command = build(state);
    if (E.isLeft(command)) return command;
    const decided = this.decide(command.right, state);
    if (E.isLeft(decided)) return decided;
    const events = decided.right;
    if (events.length === 0) {
      const nothing: Appended<Ev> = { written: { streamId, events, revision }, positions: NO_POSITIONS };
      return E.right({ written: Promise.resolve(E.right(nothing)) });
    }
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
      const encoded = this.registry.encode(this.stamped(event, context));
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

  private stamped(event: Ev, context: WriteContext): Ev {
    return context.stamp === undefined ? event : (context.stamp(event) as Ev);
  }

  /**
   * The outcome of an append decided at `revision`, `after` being the state it leads to; success records the
   * command id in the index and moves the cache.
   */
  private written(
    streamId: string,
    revision: number | null,
    after: S,
    events: readonly Ev[],
    appended: Either<AppendError, AppendResult>,
    context: WriteContext,
  ): Either<CommandError, Appended<Ev>> {
    if (E.isLeft(appended)) return appended;
    const next = appended.right.nextExpectedRevision;
    this.commands.record(context.commandId, streamId, context.tag);
    const cached = this.cache.get(streamId);
    if (cached !== undefined && (cached.revision ?? -1) <= (revision ?? -1))
      this.remember(streamId, { state: after, revision: next });
    const stored = context.stamp === undefined ? events : events.map((e) => this.stamped(e, context));
    return E.right({
      written: { streamId, events: stored, revision: next },
      positions: appended.right.positions,
    });
  }

  private remember(streamId: string, entry: Loaded<S>): void {
    if (this.maxCachedStreams <= 0) return;
    if (!this.cache.has(streamId) && this.cache.size >= this.maxCachedStreams) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(streamId, entry);
  }

  private rememberRefusal(commandId: string, error: CommandError): void {
    if (this.refusals.size >= this.rememberRefusals) {
      const oldest = this.refusals.keys().next();
      if (oldest.done !== true) this.refusals.delete(oldest.value);
    }
    this.refusals.set(commandId, error);
  }
}
