import { KeyFileError, openWithPersonKey } from "@insieme/domain";
import { ConfigError } from "./config.js";

/**
 * The secret key of the codice fiscale's keyed hash, with the store it belongs to: `openStore` gets the key's
 * fingerprint (a journal records it in its header and refuses another key). A first run creates the key
 * (readable by its owner only) once the store has accepted it; losing it means the service can no longer
 * recognise a person who applies twice, so back it up with the journal.
 */
export const openPersonKeyWith = async <T>(
  path: string,
  openStore: (keyFingerprint: string) => Promise<T>,
): Promise<{ readonly key: Uint8Array; readonly store: T }> => {
  try {
    return await openWithPersonKey(path, openStore);
  } catch (error) {
    if (error instanceof KeyFileError) throw new ConfigError(error.message);
    throw error;
  }
};

/** The person key alone, for a store that records no fingerprint (EventStoreDB, PostgreSQL). */
export const loadOrCreatePersonKey = async (path: string): Promise<Uint8Array> =>
  (await openPersonKeyWith(path, async () => undefined)).key;
