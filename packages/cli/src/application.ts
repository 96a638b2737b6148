import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  createInsieme,
  FilePersonalDataVault,
  type Insieme,
  KeyFileError,
  type ProgrammeConfiguration,
  readPrivateKeyFile,
} from "@insieme/domain";
import { type EventStore, uuidGenerator } from "@insieme/kernel";
import { CliError } from "./errors.js";

/**
 * Where the keys of a journal live: the HMAC key that pseudonymises codici fiscali and one data key per person
 * (destroying it erases the person). Kept next to the journal, never inside it: an exported or audited journal
 * carries no key. `INSIEME_KEYS_DIR` overrides the place. The journal's path is normalised first, so `j`, `j/`,
 * `./j` and its absolute path name the same keys (two keys would open a second case for the same person).
 */
export const keysDirectoryOf = (journal: string): string =>
  process.env.INSIEME_KEYS_DIR ?? `${resolve(journal)}.keys`;

const HMAC_KEY_FILE = "person-hmac.key";

const hmacKey = async (dir: string): Promise<Uint8Array> => {
  const path = join(dir, HMAC_KEY_FILE);
  let hex: string | null;
  try {
    hex = await readPrivateKeyFile(path);
  } catch (error) {
    if (error instanceof KeyFileError) throw new CliError(error.message);
    throw error;
  }
  if (hex !== null) {
    const key = Buffer.from(hex.trim(), "hex");
    if (key.length < 32)
      throw new CliError(`${path}: the person key must hold at least 32 bytes (64 hex digits)`);
    return key;
  }
  {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    await writeFile(path, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  }
};

/** The domain's application service over a store, with the journal's keys and the programme's configuration. */
export const openApplication = async (
  store: EventStore,
  journal: string,
  configuration: ProgrammeConfiguration,
): Promise<Insieme> => {
  const keys = keysDirectoryOf(journal);
  return createInsieme({
    store,
    configuration,
    ids: uuidGenerator,
    personKey: await hmacKey(keys),
    vault: new FilePersonalDataVault(join(keys, "persons")),
  });
};
