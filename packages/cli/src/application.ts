import { join, resolve } from "node:path";
import {
  createInsieme,
  FilePersonalDataVault,
  type Insieme,
  KeyFileError,
  openWithPersonKey,
  PERSON_KEY_FILE,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import { type Clock, uuidGenerator } from "@insieme/kernel";
import { CliError } from "./errors.js";
import { type OpenedJournal, openJournalStore } from "./journal-store.js";

/**
 * Where the keys of a journal live: the HMAC key that pseudonymises codici fiscali and one data key per person
 * (destroying it erases the person). Kept next to the journal, never inside it: an exported or audited journal
 * carries no key. `INSIEME_KEYS_DIR` overrides the place. The journal's path is normalised first, so `j`, `j/`,
 * `./j` and its absolute path name the same keys (two keys would open a second case for the same person).
 */
export const keysDirectoryOf = (journal: string): string =>
  process.env.INSIEME_KEYS_DIR ?? `${resolve(journal)}.keys`;

/** A journal opened to write commands, with the person key its header's fingerprint names. */
export interface KeyedJournal {
  readonly target: OpenedJournal;
  readonly personKey: Uint8Array;
}

/**
 * Opens (or creates) a journal as a writer with its person key: the key file of its keys directory, or a new one
 * for a new journal. A journal whose header records the fingerprint of another key is refused and nothing is
 * written, not even a key file (see "Keys and files" in docs/security.md).
 */
export const openKeyedJournal = async (
  journal: string,
  programme: string | null = null,
  clock?: Clock,
): Promise<KeyedJournal> => {
  try {
    const { key, store } = await openWithPersonKey(
      join(keysDirectoryOf(journal), PERSON_KEY_FILE),
      (keyFingerprint) =>
        openJournalStore(journal, {
          readOnly: false,
          create: true,
          keyFingerprint,
          programme,
          ...(clock === undefined ? {} : { clock }),
        }),
    );
    return { target: store, personKey: key };
  } catch (error) {
    if (error instanceof KeyFileError) throw new CliError(error.message);
    throw error;
  }
};

/** The domain's application service over a keyed journal, with the programme's configuration. */
export const openApplication = (
  { target, personKey }: KeyedJournal,
  journal: string,
  configuration: ProgrammeConfiguration,
): Insieme =>
  createInsieme({
    store: target.store,
    configuration,
    ids: uuidGenerator,
    personKey,
    vault: new FilePersonalDataVault(join(keysDirectoryOf(journal), "persons")),
  });
