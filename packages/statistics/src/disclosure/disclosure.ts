import { type Cell, type Column, type Row, SUPPRESSED, type Table } from "../report/model.js";
import { type PublishedTotals, type SuppressionMask, suppressGrid } from "./suppress-table.js";

/** The smallest threshold a published report may use (Sistan 2019, art. 5); defined with the release calendar. */
export { DEFAULT_MIN_CELL, MIN_PUBLISHED_CELL } from "@insieme/domain";

export type DisclosureMode =
  | { readonly mode: "published"; readonly minCell: number }
  | { readonly mode: "raw" };

export const RAW_NOTICE =
  "raw — internal use only: unsuppressed counts for authorised staff, not for publication";
export const publishedNotice = (minCell: number): string =>
  `published — person-level counts below ${minCell} are suppressed, with secondary suppression against recovery from totals and linked tables`;

/** A table of counts before disclosure control: rows of numbers aligned to count columns. */
export interface CountTable {
  readonly key: string;
  readonly title: string;
  readonly unit: Table["unit"];
  readonly disclosureRule: Table["disclosureRule"];
  readonly rowHeader: string;
  /** Publish a total per row (default: when there is more than one column). Only for additive columns. */
  readonly rowTotals?: boolean;
  readonly totalLabel?: string;
  /** Publish the "Totale" row (default true). Only when the rows are disjoint categories. */
  readonly columnTotals?: boolean;
  readonly columns: readonly { readonly key: string; readonly label: string }[];
  readonly rows: readonly {
    readonly key: string;
    readonly label: string;
    readonly counts: readonly number[];
  }[];
}

export const TOTAL_LABEL = "Totale";

/** Which totals a count table publishes: row totals when it has several columns, the "Totale" row by default. */
export const publishedTotalsOf = (table: CountTable): PublishedTotals => ({
  rowTotals: table.rowTotals ?? table.columns.length > 1,
  columnTotals: table.columnTotals ?? true,
});

/**
 * Turns counts into a report table, suppressing person-level small counts when publishing: with `linkedMask`,
 * the table's part of a suppression made together with the tables it is linked to (`suppressLinkedTables`),
 * else the table on its own.
 */
export const publishTable = (
  table: CountTable,
  disclosure: DisclosureMode,
  linkedMask?: SuppressionMask,
): Table => {
  const width = table.columns.length;
  const totals = publishedTotalsOf(table);
  const withRowTotals = totals.rowTotals;
  const withColumnTotals = totals.columnTotals;
  const grid = { cells: table.rows.map((r) => table.columns.map((_, c) => r.counts[c] ?? 0)) };
  const apply = disclosure.mode === "published" && table.disclosureRule === "person-level";
  const mask = apply ? (linkedMask ?? suppressGrid(grid, width, totals, disclosure.minCell)) : undefined;
  const cell = (value: number, hidden: boolean | undefined): Cell => (hidden === true ? SUPPRESSED : value);
  const rows: Row[] = table.rows.map((r, i) => {
    const counts = grid.cells[i] as number[];
    return {
      key: r.key,
      label: r.label,
      cells: counts.map((v, c) => cell(v, mask?.cells[i]?.[c])),
      total: withRowTotals ? cell(sumOf(counts), mask?.rowTotals[i]) : null,
    };
  });
  const columnTotals = table.columns.map((_, c) => grid.cells.reduce((t, row) => t + (row[c] ?? 0), 0));
  const columns: Column[] = table.columns.map((c) => ({ key: c.key, label: c.label, kind: "count" }));
  return {
    key: table.key,
    title: table.title,
    unit: table.unit,
    disclosureRule: table.disclosureRule,
    rowHeader: table.rowHeader,
    columns,
    rows,
    totals: withColumnTotals
      ? {
          key: "total",
          label: table.totalLabel ?? TOTAL_LABEL,
          cells: columnTotals.map((v, c) => cell(v, mask?.columnTotals[c])),
          total: withRowTotals ? cell(sumOf(columnTotals), mask?.grand) : null,
        }
      : null,
  };
};

const sumOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** A share in percent with one decimal, withheld when either count is withheld or the base is zero. */
export const percentCell = (part: Cell, whole: Cell): Cell => {
  if (typeof part !== "number" || typeof whole !== "number") return SUPPRESSED;
  if (whole === 0) return 0;
  return Math.round((part / whole) * 1000) / 10;
};
