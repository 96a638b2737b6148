import { chainHashAt, type JournalEventStore, openJournal } from "@insieme/journal";
import type { Clock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";
import { inProgramme } from "./programme-option.js";
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
  mode: {
    readonly readOnly: boolean;
    readonly create?: boolean;
    readonly keyFingerprint?: string;
    /** One programme's streams of a journal several programmes share (`--programme`). */
    readonly programme?: string | null;
    /** Store time for `recordedAt` (the demo's scenario clock); default: the system clock. */
    readonly clock?: Clock;
  },
): Promise<OpenedJournal> => {
  const opened = await openJournal(path, {
    readOnly: mode.readOnly,
    create: mode.create === true,
    ...(mode.keyFingerprint === undefined ? {} : { keyFingerprint: mode.keyFingerprint }),
    ...(mode.clock === undefined ? {} : { clock: mode.clock }),
  });
  if (E.isLeft(opened)) throw new CliError(opened.left.message);
  const journal = opened.right;
  const programme = mode.programme ?? null;
  const store = inProgramme(journal, programme);
  return {
    journal,
    store,
    kind: "journal",
    location: programme === null ? path : `${path}#${programme}`,
    // The chain certifies the whole journal: one programme's report cites the hash of the events it replayed.
    ...(programme === null ? { chainHashAt: chainHashAt(journal) } : {}),
    close: () => journal.close(),
  };
};
