import { randomUUID } from "node:crypto";
import { link, readdir, readFile, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { type JournalLocked, journalLocked } from "./errors.js";
import { errorCode, fsyncDirectory, writeFileDurably } from "./fs-util.js";
import { LOCK_FILE } from "./record-format.js";

const lockOwnerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  since: z.string(),
  token: z.string(),
});

type LockOwner = z.infer<typeof lockOwnerSchema>;

const TEMP_PREFIX = ".journal.lock.";

export interface HeldLock {
  readonly path: string;
  release(): Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
};

type ExistingLock = { readonly raw: string; readonly owner: LockOwner | null } | null;

const readExisting = async (lockPath: string): Promise<ExistingLock> => {
  try {
    const raw = await readFile(lockPath, "utf8");
    let owner: LockOwner | null = null;
    try {
      const parsed = lockOwnerSchema.safeParse(JSON.parse(raw));
      if (parsed.success) owner = parsed.data;
    } catch {
      owner = null;
    }
    return { raw, owner };
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
};

/** A lock is stale when its owner was a process of this machine that no longer exists. */
const isStale = (owner: LockOwner | null): boolean =>
  owner !== null && owner.host === hostname() && !isAlive(owner.pid);

const removeIfUnchanged = async (lockPath: string, raw: string): Promise<void> => {
  const now = await readExisting(lockPath);
  if (now === null || now.raw !== raw) return;
  try {
    await unlink(lockPath);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
};

/** Removes temporary lock files left by writers that died between writing and linking them. */
const sweepTemporaries = async (dir: string): Promise<void> => {
  for (const name of await readdir(dir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(name.slice(TEMP_PREFIX.length).split(".")[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)) {
      await unlink(join(dir, name)).catch(() => undefined);
    }
  }
};

/**
 * Takes the single-writer lock of a journal directory: `journal.lock` holds the owner's pid, host and a token.
 * The file is written in full under a temporary name and then hard-linked into place, so it never exists
 * half-written. A lock whose process is gone (same host) is stale and is replaced.
 */
export const acquireLock = async (dir: string): Promise<Either<JournalLocked, HeldLock>> => {
  const lockPath = join(dir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await readExisting(lockPath);
    if (existing !== null) {
      if (!isStale(existing.owner)) {
        return E.left(
          journalLocked(dir, {
            pid: existing.owner?.pid ?? null,
            host: existing.owner?.host ?? null,
            since: existing.owner?.since ?? null,
          }),
        );
      }
      await removeIfUnchanged(lockPath, existing.raw);
      continue;
    }
    const temporary = join(dir, `${TEMP_PREFIX}${process.pid}.${owner.token}`);
    await writeFileDurably(temporary, JSON.stringify(owner), "wx");
    let linked = false;
    try {
      await link(temporary, lockPath);
      linked = true;
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    } finally {
      await unlink(temporary);
    }
    if (!linked) continue;
    await fsyncDirectory(dir);
    await sweepTemporaries(dir);
    return E.right({ path: lockPath, release: () => releaseLock(dir, lockPath, owner.token) });
  }
  return E.left(journalLocked(dir, { pid: null, host: null, since: null }));
};

const releaseLock = async (dir: string, lockPath: string, token: string): Promise<void> => {
  const existing = await readExisting(lockPath);
  if (existing?.owner?.token !== token) return;
  await unlink(lockPath);
  await fsyncDirectory(dir);
};
