import { createHash } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { newDataKey, type PersonalDataVault } from "./vault.js";

/**
 * One file per person in `directory`, named by the SHA-256 of the person id (no id reaches the file system),
 * written atomically (temporary file, fsync, rename). Destroying overwrites the file before removing it; on
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
    await mkdir(this.directory, { recursive: true });
    const key = newDataKey();
    const path = this.pathOf(personId);
    const temporary = `${path}.tmp`;
    const handle = await open(temporary, "w", 0o600);
    try {
      await handle.writeFile(Buffer.from(key).toString("hex"));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    this.cache.set(personId, key);
    return key;
  }

  async existingKey(personId: string): Promise<Uint8Array | null> {
    const cached = this.cache.get(personId);
    if (cached !== undefined) return cached;
    try {
      const hex = await readFile(this.pathOf(personId), "utf8");
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
