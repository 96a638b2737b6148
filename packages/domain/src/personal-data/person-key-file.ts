import { createHmac, randomBytes } from "node:crypto";
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { KeyFileError, readPrivateKeyFile } from "./private-key-file.js";

/** The person key's file in a keys directory. */
export const PERSON_KEY_FILE = "person-hmac.key";
const KEY_BYTES = 32;
const FINGERPRINT_LABEL = "insieme person-key fingerprint v1";

/**
 * The fingerprint of a person key, recorded in a journal's header: `hmac-sha256:` and the HMAC-SHA256 of a fixed
 * label under the key. It names the key without revealing it (recovering the key from it means breaking
 * HMAC-SHA256) and without helping to recompute a person's keyed hash.
 */
export const personKeyFingerprint = (key: Uint8Array): string =>
  `hmac-sha256:${createHmac("sha256", key).update(FINGERPRINT_LABEL, "utf8").digest("hex")}`;

/**
 * Reads the secret key of the codice fiscale's keyed hash: at least 32 bytes written as hex, in a file only its
 * owner may access (`readPrivateKeyFile`). Null when there is no such file; a bad key is a `KeyFileError`.
 */
export const readPersonKeyFile = async (path: string): Promise<Uint8Array | null> => {
  const text = await readPrivateKeyFile(path);
  if (text === null) return null;
  const hex = text.trim();
  const key = Buffer.from(hex, "hex");
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex) || key.length < KEY_BYTES)
    throw new KeyFileError(`${path}: the person key must hold at least ${KEY_BYTES} bytes written as hex`);
  return key;
};

/** Writes a new key file (0600, its directory 0700); when another process made one first, theirs is returned. */
const saveNewKey = async (path: string, key: Uint8Array): Promise<Uint8Array> => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const handle = await open(path, "wx", 0o600);
    try {
      await handle.writeFile(`${Buffer.from(key).toString("hex")}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = await readPersonKeyFile(path);
    if (theirs === null) throw error;
    return theirs;
  }
};

/**
 * The person key of a store, checked against the fingerprint the store records. `open` opens the store with the
 * key's fingerprint and must refuse a store that records another one. An existing key file is used; without one
 * a new key is made in memory, the store is opened with its fingerprint, and only then is the key saved: a store
 * that refuses the new key (it was made with a key kept elsewhere) leaves no key file behind.
 */
export const openWithPersonKey = async <T>(
  path: string,
  openStore: (fingerprint: string) => Promise<T>,
): Promise<{ readonly key: Uint8Array; readonly store: T }> => {
  const existing = await readPersonKeyFile(path);
  if (existing !== null) return { key: existing, store: await openStore(personKeyFingerprint(existing)) };
  const fresh = randomBytes(KEY_BYTES);
  const store = await openStore(personKeyFingerprint(fresh));
  const key = await saveNewKey(path, fresh);
  return { key, store };
};
