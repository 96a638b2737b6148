import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { CheckpointStore } from "./checkpoint-store.js";
import type { RecordedEvent } from "./envelope.js";
import type { EventDecodeError } from "./errors.js";
import type { EventStore, Subscription } from "./event-store.js";
import { applyToProjection, type Projection } from "./projection.js";

/** Turns a stored event into the form projections expect (e.g. a registry's upcast-and-validate). */
export type EventDecoder = (event: RecordedEvent) => Either<EventDecodeError, RecordedEvent>;

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  // biome-ignore lint/suspicious/noExplicitAny: projections of different state types run together
  readonly projections: readonly Projection<any>[];
  readonly checkpoints: CheckpointStore;
  readonly decode?: EventDecoder;
  /** While following live events, save checkpoints after this many events (and whenever caught up). */
  readonly saveEvery?: number;
}

interface Slot {
  // biome-ignore lint/suspicious/noExplicitAny: see ProjectionRunnerOptions.projections
  readonly projection: Projection<any>;
  state: unknown;
  position: number | null;
}

export interface Following {
  /** Resolves once the history is read (the live phase has started). */
  readonly caughtUp: Promise<void>;
  /** Resolves when following ends: after `stop()`, or with the first decode error. */
  readonly done: Promise<Either<EventDecodeError, void>>;
  stop(): Promise<void>;
}

/**
 * Runs projections over the global log in one pass: every event is decoded once and handed to each projection
 * whose checkpoint is behind it, so each event is applied exactly once per projection. State and checkpoint are
 * saved together; after a restart each projection resumes from its own saved position.
 */
export class ProjectionRunner {
  private readonly slots: Slot[];
  private loaded = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = new Set<string>();
    this.slots = options.projections.map((projection) => {
      if (names.has(projection.name)) throw new Error(`projection registered twice: ${projection.name}`);
      names.add(projection.name);
      return { projection, state: projection.initialState(), position: null };
    });
  }

  /** Restores every projection from its checkpoint (a checkpoint of another version is discarded). */
  async load(): Promise<void> {
    for (const slot of this.slots) {
      const saved = await this.options.checkpoints.load(slot.projection.name);
      if (saved !== null && saved.version === slot.projection.version) {
        slot.state = saved.state;
        slot.position = saved.position;
      } else {
        slot.state = slot.projection.initialState();
        slot.position = null;
      }
    }
    this.loaded = true;
  }

  state<S>(name: string): S {
    const slot = this.slots.find((s) => s.projection.name === name);
    if (slot === undefined) throw new Error(`no projection named ${name}`);
    return slot.state as S;
  }

  /** The lowest checkpoint of all projections: where a shared read must start. */
  position(): number | null {
    let min: number | undefined;
    for (const slot of this.slots) {
      if (slot.position === null) return null;
      if (min === undefined || slot.position < min) min = slot.position;
    }
    return min ?? null;
  }

  /** Reads everything after the checkpoints up to the store's head, then saves. */
  async catchUp(): Promise<Either<EventDecodeError, number | null>> {
    if (!this.loaded) await this.load();
    for await (const event of this.options.store.readAll({ after: this.position() })) {
      const applied = this.apply(event);
      if (E.isLeft(applied)) return applied;
    }
    await this.save();
    return E.right(this.position());
  }

  /** Forgets all state and checkpoints and replays the whole log. */
  async rebuild(): Promise<Either<EventDecodeError, number | null>> {
    for (const slot of this.slots) {
      await this.options.checkpoints.delete(slot.projection.name);
      slot.state = slot.projection.initialState();
      slot.position = null;
    }
    this.loaded = true;
    return this.catchUp();
  }

  /** Catches up, then keeps applying live events until stopped. */
  async follow(): Promise<Following> {
    if (!this.loaded) await this.load();
    const subscription: Subscription = this.options.store.subscribe({ after: this.position() });
    const saveEvery = this.options.saveEvery ?? 1000;
    let markCaughtUp: () => void = () => {};
    const caughtUp = new Promise<void>((resolve) => {
      markCaughtUp = resolve;
    });
    const done = (async (): Promise<Either<EventDecodeError, void>> => {
      let unsaved = 0;
      try {
        for await (const message of subscription) {
          if (message.kind === "caughtUp") {
            await this.save();
            unsaved = 0;
            markCaughtUp();
            continue;
          }
          const applied = this.apply(message.event);
          if (E.isLeft(applied)) return applied;
          if (++unsaved >= saveEvery) {
            await this.save();
            unsaved = 0;
          }
        }
        await this.save();
        return E.right(undefined);
      } finally {
        markCaughtUp();
      }
    })();
    return { caughtUp, done, stop: () => subscription.close() };
  }

  private apply(stored: RecordedEvent): Either<EventDecodeError, void> {
    let event = stored;
    if (this.options.decode !== undefined) {
      const decoded = this.options.decode(stored);
      if (E.isLeft(decoded)) return decoded;
      event = decoded.right;
    }
    for (const slot of this.slots) {
      if (slot.position !== null && event.position <= slot.position) continue;
      slot.state = applyToProjection(slot.projection, slot.state, event);
      slot.position = event.position;
    }
    return E.right(undefined);
  }

  private async save(): Promise<void> {
    for (const slot of this.slots) {
      await this.options.checkpoints.save({
        projection: slot.projection.name,
        version: slot.projection.version,
        position: slot.position,
        state: slot.state,
      });
    }
  }
}
