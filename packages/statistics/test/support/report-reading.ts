import type { Report, StatisticId, Table } from "../../src/index.js";

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
