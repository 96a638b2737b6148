import { mkdir, readFile, rename, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Checkpoint, type CheckpointStore, formatZodError } from "@insieme/kernel";
import { z } from "zod";
import { errorCode, fsyncDirectory, writeFileDurably } from "./fs-util.js";

const checkpointSchema = z.object({
  projection: z.string().min(1),
  version: z.number().int(),
  position: z.number().int().nonnegative().nullable(),
  state: z.unknown(),
});

/**
 * Checkpoints as one JSON file per projection. A save writes a temporary file, fsyncs it and renames it over
 * the old one (then fsyncs the directory), so after a crash the old or the new checkpoint is there, whole:
 * state and position always belong together.
 */
export class FileCheckpointStore implements CheckpointStore {
  private readonly dir: string;
  private saves = 0;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async load(projection: string): Promise<Checkpoint | null> {
    const file = this.fileOf(projection);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`checkpoint ${file} is not JSON: ${String(error)}`);
    }
    const parsed = checkpointSchema.safeParse(json);
    if (!parsed.success) throw new Error(`checkpoint ${file} is invalid: ${formatZodError(parsed.error)}`);
    if (parsed.data.projection !== projection) {
      throw new Error(
        `checkpoint ${file} belongs to projection '${parsed.data.projection}', not '${projection}'`,
      );
    }
    return {
      projection,
      version: parsed.data.version,
      position: parsed.data.position,
      state: parsed.data.state,
    };
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileOf(checkpoint.projection);
    const temporary = `${file}.${process.pid}.${++this.saves}.tmp`;
    await writeFileDurably(temporary, JSON.stringify(checkpoint));
    await rename(temporary, file);
    await fsyncDirectory(this.dir);
  }

  async delete(projection: string): Promise<void> {
    try {
      await unlink(this.fileOf(projection));
    } catch (error) {
      if (errorCode(error) === "ENOENT") return;
      throw error;
    }
    await fsyncDirectory(this.dir);
  }

  private fileOf(projection: string): string {
    return join(this.dir, `${encodeURIComponent(projection)}.json`);
  }
}
