import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { IdGenerator } from "./clock.js";
import type { Decider } from "./decider.js";
import type { Actor, DomainEvent, NewEvent, RecordedEvent } from "./envelope.js";
import type { DomainError, EventDecodeError, StreamDeleted, WrongExpectedRevision } from "./errors.js";
import type { EventRegistry } from "./event-registry.js";
import type { EventStore } from "./event-store.js";
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
  readonly eventIds: IdGenerator;
  /** How many times to reload and decide again after a concurrency conflict. */
  readonly maxRetries?: number;
  /** How many refused command ids to remember, so that a repeated refused command returns its first refusal. */
  readonly rememberRefusals?: number;
}

export interface LoadedStream<S, Ev extends DomainEvent> {
  readonly state: S;
  readonly revision: number | null;
  /** Events this command id already wrote, if any (idempotency). */
  readonly previous: readonly RecordedEvent<Ev["type"], Ev["data"]>[];
}

/**
 * Load, decide, append with the expected revision; on a conflict reload and retry a bounded number of times.
 * Idempotent by command id: the id is the causation id of the events it wrote, so a repeated command finds them
 * in the stream, writes nothing and returns the first outcome.
 */
export class CommandHandler<C, S, Ev extends DomainEvent> {
  private readonly maxRetries: number;
  private readonly refusals = new Map<string, CommandError>();
  private readonly rememberRefusals: number;

  constructor(private readonly options: CommandHandlerOptions<C, S, Ev>) {
    this.maxRetries = options.maxRetries ?? 5;
    this.rememberRefusals = options.rememberRefusals ?? 10_000;
  }

  async load(streamId: string, commandId?: string): Promise<Either<EventDecodeError, LoadedStream<S, Ev>>> {
    const { decider, registry, store } = this.options;
    let state = decider.initialState;
    let revision: number | null = null;
    const previous: RecordedEvent<Ev["type"], Ev["data"]>[] = [];
    for await (const batch of readStreamBatches(store, streamId)) {
      for (const recorded of batch) {
        const decoded = registry.decodeRecorded(recorded);
        if (E.isLeft(decoded)) return decoded;
        // A recorded event is a domain event with its envelope: evolve reads only its type and data.
        state = decider.evolve(state, decoded.right as unknown as Ev);
        revision = recorded.revision;
        if (commandId !== undefined && recorded.causationId === commandId) previous.push(decoded.right);
      }
    }
    return E.right({ state, revision, previous });
  }

  async handle(envelope: CommandEnvelope<C>): Promise<Either<CommandError, CommandOutcome<Ev>>> {
    const refused = this.refusals.get(envelope.commandId);
    if (refused !== undefined) return E.left(refused);
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(envelope);
      if (E.isRight(result)) return result;
      if (result.left._tag === "WrongExpectedRevision" && attempt < this.maxRetries) continue;
      if (result.left._tag === "DomainError") this.rememberRefusal(envelope.commandId, result.left);
      return result;
    }
  }

  private async attempt(envelope: CommandEnvelope<C>): Promise<Either<CommandError, CommandOutcome<Ev>>> {
    const { decider, registry, store, eventIds } = this.options;
    const loaded = await this.load(envelope.streamId, envelope.commandId);
    if (E.isLeft(loaded)) return loaded;
    const { state, revision, previous } = loaded.right;
    if (previous.length > 0) {
      return E.right({
        streamId: envelope.streamId,
        events: previous.map((e) => ({ type: e.type, data: e.data }) as Ev),
        revision,
        positions: previous.map((e) => e.position),
        duplicate: true,
      });
    }
    const decided = decider.decide(envelope.command, state);
    if (E.isLeft(decided)) return decided;
    const events = decided.right;
    if (events.length === 0) {
      return E.right({ streamId: envelope.streamId, events, revision, positions: [], duplicate: false });
    }
    const toAppend: NewEvent[] = [];
    for (const event of events) {
      const encoded = registry.encode(event);
      if (E.isLeft(encoded)) return encoded;
      toAppend.push({
        eventId: eventIds.next(),
        type: encoded.right.type,
        version: encoded.right.version,
        data: encoded.right.data,
        occurredAt: envelope.occurredAt,
        correlationId: envelope.correlationId ?? envelope.commandId,
        causationId: envelope.commandId,
        actor: envelope.actor,
      });
    }
    const appended = await store.append(
      envelope.streamId,
      toAppend,
      revision === null ? "no_stream" : revision,
    );
    if (E.isLeft(appended)) return appended;
    return E.right({
      streamId: envelope.streamId,
      events,
      revision: appended.right.nextExpectedRevision,
      positions: appended.right.positions,
      duplicate: false,
    });
  }

  private rememberRefusal(commandId: string, error: CommandError): void {
    if (this.refusals.size >= this.rememberRefusals) {
      const oldest = this.refusals.keys().next();
      if (oldest.done !== true) this.refusals.delete(oldest.value);
    }
    this.refusals.set(commandId, error);
  }
}
