import { open } from "node:fs/promises";

/** The error code of a failed fs call (ENOENT, EEXIST, ...), or undefined for other throws. */
export const errorCode = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;

/** Makes a directory entry change (create, rename, unlink) durable. */
export const fsyncDirectory = async (dir: string): Promise<void> => {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/**
 * Writes a whole file and flushes it to disk before closing it. Created readable and writable by its owner only
 * (0600): a journal is pseudonymous personal data.
 */
export const writeFileDurably = async (path: string, content: string | Buffer, flag = "w"): Promise<void> => {
  const handle = await open(path, flag, 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
};
