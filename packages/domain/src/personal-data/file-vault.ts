import { createHash, randomBytes } from "node:crypto";
import { link, mkdir, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { readPrivateKeyFile } from "./private-key-file.js";
import { newDataKey, type PersonalDataVault } from "./vault.js";

/**
 * One file per person in `directory`, named by the SHA-256 of the person id (no id reaches the file system),
 * created atomically and at most once (temporary file, fsync, hard link to the final name, which fails if another
 * writer got there first: its key is then used). Destroying overwrites the file before removing it; on
 * copy-on-write or journaling file systems only the removal is certain, so keep the directory on storage the
 * host can wipe, and out of backups that outlive erasure requests.
 */
export class FilePersonalDataVault implements PersonalDataVault {
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly directory: string) {}

  private pathOf(personId: string): string {
    return join(this.directory, `${createHash("sha256").update(personId, "utf8").digest("hex")}.key`);
  }

  async keyFor(personId: string): Promise<Uint8Array> {
    const existing = await this.existingKey(personId);
    if (existing !== null) return existing;
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const key = newDataKey();
    const path = this.pathOf(personId);
    const temporary = `${path}.${process.pid}.${randomBytes(8).toString("hex")}.tmp`;
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(Buffer.from(key).toString("hex"));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const winner = await this.existingKey(personId);
      if (winner === null)
        throw new Error(`personal data vault: key file vanished while created in ${this.directory}`);
      return winner;
    } finally {
      await rm(temporary, { force: true });
    }
    this.cache.set(personId, key);
    return key;
  }

  async existingKey(personId: string): Promise<Uint8Array | null> {
    const cached = this.cache.get(personId);
    if (cached !== undefined) return cached;
    try {
      const hex = await readPrivateKeyFile(this.pathOf(personId));
      if (hex === null) return null;
      const key = Buffer.from(hex.trim(), "hex");
      if (key.length !== 32)
        throw new Error(`personal data vault: corrupt key file for a person in ${this.directory}`);
      this.cache.set(personId, key);
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async destroy(personId: string): Promise<void> {
    this.cache.get(personId)?.fill(0);
    this.cache.delete(personId);
    const path = this.pathOf(personId);
    try {
      const handle = await open(path, "r+");
      try {
        await handle.writeFile("0".repeat(64));
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    await rm(path, { force: true });
  }
}
