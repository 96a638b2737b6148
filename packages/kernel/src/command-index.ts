import { tagOfEventId } from "./command-tag.js";
import type { EventStore } from "./event-store.js";

/** Where a command id was first used: the stream of the command's first event and the command's tag. */
export interface CommandEntry {
  readonly streamId: string;
  /** The tag its event ids carry (see command-tag.ts); null for events whose ids carry none. */
  readonly tag: number | null;
}

/**
 * Every command id the store has events of, across all streams: a command id is the causation id of the events
 * it wrote. Built by one pass over the store's log on first use (the events themselves are the persisted index:
 * it is rebuilt, never trusted from elsewhere), then kept up to date by the appends of this process and, on a
 * store other processes also write to, by reading only the events appended since the last pass. So checking a
 * command id costs a map lookup, never a store scan; memory is one entry per command id (the stream ids are
 * shared).
 *
 * Commands with the same id take turns in this process (`claim`), so a retry racing its first attempt waits for
 * it and then finds it.
 */
export class CommandIndex {
  private readonly entries = new Map<string, CommandEntry>();
  private readonly streamIds = new Map<string, string>();
  private readonly claims = new Map<string, Promise<void>>();
  private after: number | null = null;
  private built = false;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly store: EventStore) {}

  /** The command id's first use, or undefined when no event of the store was written by it. */
  async find(commandId: string): Promise<CommandEntry | undefined> {
    const known = this.entries.get(commandId);
    if (known !== undefined) return known;
    // A sole writer's log only grows through this index's own appends once it is built.
    if (this.built && this.store.soleWriter === true) return undefined;
    await this.catchUp();
    return this.entries.get(commandId);
  }

  /** Records the first append of a command (called once the store acknowledged it). */
  record(commandId: string, streamId: string, tag: number | null): void {
    if (!this.entries.has(commandId)) this.entries.set(commandId, { streamId: this.shared(streamId), tag });
  }

  /**
   * Waits until no other command with this id is being handled in this process, and takes its turn; the
   * returned function ends the turn.
   */
  async claim(commandId: string): Promise<() => void> {
    for (let ahead = this.claims.get(commandId); ahead !== undefined; ahead = this.claims.get(commandId))
      await ahead;
    let release = (): void => undefined;
    const turn = new Promise<void>((resolve) => {
      release = () => {
        if (this.claims.get(commandId) === turn) this.claims.delete(commandId);
        resolve();
      };
    });
    this.claims.set(commandId, turn);
    return release;
  }

  /** Reads the events appended since the last pass (the whole log the first time); one pass at a time. */
  private catchUp(): Promise<void> {
    if (this.catchingUp === null) {
      this.catchingUp = this.readNew().finally(() => {
        this.catchingUp = null;
      });
    }
    return this.catchingUp;
  }

  private async readNew(): Promise<void> {
    for await (const event of this.store.readAll({ after: this.after })) {
      this.after = event.position;
      if (event.causationId !== null)
        this.record(event.causationId, event.streamId, tagOfEventId(event.eventId));
    }
    this.built = true;
  }

  private shared(streamId: string): string {
    const known = this.streamIds.get(streamId);
    if (known !== undefined) return known;
    this.streamIds.set(streamId, streamId);
    return streamId;
  }
}
