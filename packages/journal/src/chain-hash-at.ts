import type { JournalEventStore } from "./journal-event-store.js";

/**
 * What a report replayed up to `position` (its last event) cites: the chain hash of the journal's record at that
 * position. The chain never changes behind its head, so a report `--as-of` a past moment cites what a report made
 * at that moment cited, and an auditor finds the exact point in the journal. An empty replay cites the header's
 * hash while the journal holds no record. The chain certifies the whole journal: a programme's share of a shared
 * journal is given no such function, and its report cites the hash of the events it replayed.
 */
export const chainHashAt =
  (journal: JournalEventStore) =>
  async (position: number | null): Promise<string | null> => {
    if (position === null) {
      await journal.ensureIndexed();
      const head = journal.chainHead();
      return head.position === null ? head.hash : null;
    }
    return journal.hashAt(position);
  };
