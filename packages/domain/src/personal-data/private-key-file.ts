import { constants } from "node:fs";
import { open } from "node:fs/promises";

/** A key file that others could read or replace: refused rather than used. */
export class KeyFileError extends Error {
  override readonly name = "KeyFileError";
}

/**
 * Reads a key file, refusing one that group or others may read or write, or that another user owns (someone who
 * can plant or read a key defeats it). The checks are made on the opened file, so it cannot be swapped between
 * check and read. Returns null when there is no such file.
 */
export const readPrivateKeyFile = async (path: string): Promise<string | null> => {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    if ((error as NodeJS.ErrnoException).code === "ELOOP") {
      throw new KeyFileError(`${path}: a key file must not be a symbolic link`);
    }
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new KeyFileError(`${path}: not a regular file`);
    const uid = typeof process.getuid === "function" ? process.getuid() : null;
    if (uid !== null && info.uid !== uid) {
      throw new KeyFileError(
        `${path}: the key file belongs to user ${info.uid}, not to this process's user ${uid}`,
      );
    }
    if ((info.mode & 0o077) !== 0) {
      throw new KeyFileError(
        `${path}: group or others may access the key file (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 on it`,
      );
    }
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
};
