import {
  type Checkpoint,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type IdGenerator,
  type NewEvent,
  type RecordedEvent,
  systemClock,
  uuidGenerator,
} from "@insieme/kernel";
import { isLeft } from "fp-ts/lib/Either.js";
import { z } from "zod";
import { EventStoreDbError } from "./errors.js";
import { CHECKPOINT_STREAM_PREFIX } from "./visibility.js";

export const CHECKPOINT_SAVED = "InsiemeCheckpointSaved";
export const CHECKPOINT_CLEARED = "InsiemeCheckpointCleared";

export interface EventStoreDbCheckpointStoreOptions {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** How many checkpoints EventStoreDB keeps per projection (`$maxCount` of its stream); older ones are scavenged. */
  readonly keep?: number;
}

const savedCheckpoint = z.object({
  projection: z.string(),
  version: z.number().int(),
  position: z.number().int().nonnegative().nullable(),
  state: z.unknown(),
});

export const checkpointStreamOf = (projection: string): string => `${CHECKPOINT_STREAM_PREFIX}${projection}`;

/**
 * Projection checkpoints as events in EventStoreDB, one stream per projection (`insieme-checkpoint-<name>`), so
 * they are as durable and as replicated as the events they summarise. A save is one appended event (atomic);
 * `delete` appends a "cleared" marker, so a rebuild can save again into the same stream. The EventStoreDB
 * store keeps these streams out of `readAll` and subscriptions, so saving a checkpoint never feeds the
 * projections: give it an `EventStoreDbEventStore` (another store would show the checkpoints as events).
 */
export class EventStoreDbCheckpointStore implements CheckpointStore {
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly keep: number;
  private readonly limited = new Set<string>();

  constructor(
    private readonly store: EventStore,
    options: EventStoreDbCheckpointStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? uuidGenerator;
    this.keep = options.keep ?? 3;
    if (!Number.isInteger(this.keep) || this.keep < 1)
      throw new RangeError(`keep must be a positive integer: ${this.keep}`);
  }

  async load(projection: string): Promise<Checkpoint | null> {
    const stream = checkpointStreamOf(projection);
    let last: RecordedEvent | undefined;
    // Read to its end rather than left early, which would cancel the read on the server.
    for await (const event of this.store.readStream(stream, { direction: "backwards", maxCount: 1 }))
      last = event;
    if (last === undefined || last.type !== CHECKPOINT_SAVED) return null;
    const parsed = savedCheckpoint.safeParse(last.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EventStoreDbError(
        "invalid-event",
        `load checkpoint of '${projection}'`,
        `'${stream}'@${last.revision}: ${issue?.path.join(".") || "data"}: ${issue?.message ?? "invalid"}`,
      );
    }
    return { ...parsed.data, state: parsed.data.state };
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await this.write(checkpoint.projection, CHECKPOINT_SAVED, checkpoint);
  }

  async delete(projection: string): Promise<void> {
    await this.write(projection, CHECKPOINT_CLEARED, { projection });
  }

  private async write(projection: string, type: string, data: unknown): Promise<void> {
    const stream = checkpointStreamOf(projection);
    if (!this.limited.has(stream)) {
      await this.store.setStreamMetadata(stream, { $maxCount: this.keep });
      this.limited.add(stream);
    }
    const event: NewEvent = {
      eventId: this.ids.next(),
      type,
      version: 1,
      data,
      occurredAt: this.clock.now(),
      correlationId: null,
      causationId: null,
      actor: { id: "projection-runner", role: "system" },
    };
    const written = await this.store.append(stream, [event], "any");
    if (isLeft(written)) {
      throw new EventStoreDbError("server-error", `save checkpoint of '${projection}'`, written.left.message);
    }
  }
}
