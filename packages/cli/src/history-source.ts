import type { EventStore } from "@insieme/kernel";
import { openEventStoreDb } from "./eventstoredb-store.js";
import { openJournalStore } from "./journal-store.js";
import { openPostgresStore } from "./postgres-store.js";
import { inProgramme } from "./programme-option.js";
import type { StoreChoice } from "./store-option.js";

/** A store a history is read from, with what the history file's header says about it. */
export interface HistorySource {
  readonly store: EventStore;
  /** `journal` with the path as given, or `eventstoredb` / `postgres` with the connection string without credentials. */
  readonly kind: string;
  readonly location: string;
  /** The person-key fingerprint a journal's header records (null: none, or not a journal). */
  readonly keyFingerprint: string | null;
  close(): Promise<void>;
}

/** Opens the chosen store for reading: a journal read-only, EventStoreDB after a probe of the server, PostgreSQL. */
export const openHistorySource = async (
  choice: StoreChoice,
  programme: string | null = null,
): Promise<HistorySource> => {
  if (choice.kind === "journal") {
    const opened = await openJournalStore(choice.path, { readOnly: true, programme });
    return { ...opened, keyFingerprint: opened.journal.keyFingerprint };
  }
  const store = choice.kind === "postgres" ? await openPostgresStore(choice) : await openEventStoreDb(choice);
  try {
    const view = inProgramme(store, programme);
    const { kind, location } = view.describe();
    return { store: view, kind, location, keyFingerprint: null, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
};
