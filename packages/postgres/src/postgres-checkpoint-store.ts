import type { Checkpoint, CheckpointStore } from "@insieme/kernel";
import type pg from "pg";
import { qualified } from "./connection.js";

/**
 * Projection checkpoints (state and position together, one row per projection) in the store's schema.
 * A save is one upsert: after a crash either the old or the new row is there.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  private readonly table: string;

  constructor(
    private readonly pool: pg.Pool,
    schema = "insieme",
  ) {
    this.table = qualified(schema, "checkpoints");
  }

  async load(projection: string): Promise<Checkpoint | null> {
    const { rows } = await this.pool.query<{ version: number; position: number | null; state: unknown }>(
      `SELECT version, position, state FROM ${this.table} WHERE projection = $1`,
      [projection],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : { projection, version: row.version, position: row.position, state: row.state };
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (projection, version, position, state) VALUES ($1, $2, $3, $4::json)
       ON CONFLICT (projection) DO UPDATE
         SET version = excluded.version, position = excluded.position, state = excluded.state`,
      [checkpoint.projection, checkpoint.version, checkpoint.position, JSON.stringify(checkpoint.state)],
    );
  }

  async delete(projection: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE projection = $1`, [projection]);
  }
}
