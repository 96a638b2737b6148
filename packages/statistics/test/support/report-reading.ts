import { ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import {
  buildReport,
  type DisclosureMode,
  type Report,
  type StatisticId,
  type StatisticsReplay,
  type Table,
} from "../../src/index.js";
import type { Window } from "./oracle.js";

/** The report of what `replay` holds over `window`, as read now from a memory store, under `disclosure`. */
export const reportOver = (replay: StatisticsReplay, window: Window, disclosure: DisclosureMode): Report =>
  buildReport(
    replay.snapshot(),
    {
      store: { kind: "memory", location: "test" },
      lastPosition: replay.lastPosition,
      eventsReplayed: replay.eventsApplied,
      journalHash: { kind: "sha256-canonical-events", value: "0" },
    },
    { window: { ...window, asOf: null }, disclosure, configuration: ILLUSTRATIVE_CONFIGURATION },
  );

/** The raw (unsuppressed) report of what `replay` holds over `window`. */
export const rawReport = (replay: StatisticsReplay, window: Window): Report =>
  reportOver(replay, window, { mode: "raw" });

/** The raw table `key` of statistic `id`. */
export const tableOf = (report: Report, id: StatisticId, key: string): Table => {
  const table = report.statistics.find((s) => s.id === id)?.tables.find((t) => t.key === key);
  if (table === undefined) throw new Error(`no table ${id}.${key}`);
  return table;
};

/** Row key → count of a one-column table (zero rows included). */
export const column = (table: Table, index = 0): Record<string, number> =>
  Object.fromEntries(table.rows.map((r) => [r.key, r.cells[index] as number]));

/** Drops zero counts, for comparing with an oracle that only lists what it saw. */
export const nonZero = (counts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0));
