import { randomBytes } from "node:crypto";
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { KeyFileError, readPrivateKeyFile } from "@insieme/domain";
import { ConfigError } from "./config.js";

const KEY_BYTES = 32;

const readKey = async (path: string): Promise<Uint8Array | null> => {
  try {
    const text = await readPrivateKeyFile(path);
    if (text === null) return null;
    const hex = text.trim();
    const key = Buffer.from(hex, "hex");
    if (!/^[0-9a-f]+$/i.test(hex) || key.length < KEY_BYTES) {
      throw new ConfigError(`${path}: expected at least ${KEY_BYTES} bytes written as hex`);
    }
    return key;
  } catch (error) {
    if (error instanceof KeyFileError) throw new ConfigError(error.message);
    throw error;
  }
};

/**
 * The secret key of the codice fiscale's keyed hash. A first run creates it (readable by its owner only); losing
 * it means the service can no longer recognise a person who applies twice, so back it up with the journal.
 */
export const loadOrCreatePersonKey = async (path: string): Promise<Uint8Array> => {
  const existing = await readKey(path);
  if (existing !== null) return existing;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    const handle = await open(path, "wx", 0o600);
    try {
      await handle.writeFile(`${key.toString("hex")}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      const created = await readKey(path);
      if (created !== null) return created;
    }
    throw error;
  }
};
