import { type JournalEventStore, openJournal } from "@insieme/journal";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";
import type { ReportStore } from "./report-output.js";

export interface OpenedJournal extends ReportStore {
  readonly journal: JournalEventStore;
  close(): Promise<void>;
}

/**
 * Opens the journal at `path` as a report source. The provenance names the path as the user gave it (not
 * resolved), so the same journal reported on two machines gives the same bytes.
 */
export const openJournalStore = async (
  path: string,
  mode: { readonly readOnly: boolean; readonly create?: boolean; readonly keyFingerprint?: string },
): Promise<OpenedJournal> => {
  const opened = await openJournal(path, {
    readOnly: mode.readOnly,
    create: mode.create === true,
    ...(mode.keyFingerprint === undefined ? {} : { keyFingerprint: mode.keyFingerprint }),
  });
  if (E.isLeft(opened)) throw new CliError(opened.left.message);
  const journal = opened.right;
  return {
    journal,
    store: journal,
    kind: "journal",
    location: path,
    // The chain head certifies the whole journal; a report cut by --as-of cites the hash of what it replayed.
    chainHeadAt: async (position) =>
      (await journal.headPosition()) === position ? journal.chainHead().hash : null,
    close: () => journal.close(),
  };
};
