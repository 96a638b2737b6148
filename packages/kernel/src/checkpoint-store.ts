/** A projection's state and the position of the last event applied to it, always saved together. */
export interface Checkpoint<S = unknown> {
  readonly projection: string;
  readonly version: number;
  readonly position: number | null;
  readonly state: S;
}

export interface CheckpointStore {
  load(projection: string): Promise<Checkpoint | null>;
  /** Atomic: after a crash either the old or the new checkpoint is there, never a mix. */
  save(checkpoint: Checkpoint): Promise<void>;
  delete(projection: string): Promise<void>;
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly saved = new Map<string, string>();

  async load(projection: string): Promise<Checkpoint | null> {
    const json = this.saved.get(projection);
    return json === undefined ? null : (JSON.parse(json) as Checkpoint);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    this.saved.set(checkpoint.projection, JSON.stringify(checkpoint));
  }

  async delete(projection: string): Promise<void> {
    this.saved.delete(projection);
  }
}
