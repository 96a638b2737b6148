import type { Page } from "playwright-core";

/** A table as the page shows it: the caption and the text of every header and cell, row by row. */
export interface ShownTable {
  readonly caption: string;
  readonly head: readonly string[];
  readonly body: readonly (readonly string[])[];
  readonly foot: readonly (readonly string[])[];
}

/** A canvas of the page and the table it names as its data (`aria-details`), or null when it names none. */
export interface ChartTable {
  /** The canvas's accessible name. */
  readonly label: string | null;
  readonly role: string | null;
  readonly tableId: string | null;
  readonly table: ShownTable | null;
}

/** Every canvas on the page with its associated data table, as text. */
export const chartTables = (page: Page): Promise<ChartTable[]> =>
  page.evaluate(`[...document.querySelectorAll("canvas")].map((canvas) => {
    const tableId = canvas.getAttribute("aria-details");
    const table = tableId === null ? null : document.getElementById(tableId);
    const rows = (section) =>
      table.querySelector(section) === null
        ? []
        : [...table.querySelectorAll(section + " > tr")].map((tr) =>
            [...tr.children].map((cell) => cell.textContent.trim()),
          );
    return {
      label: canvas.getAttribute("aria-label"),
      role: canvas.getAttribute("role"),
      tableId,
      table:
        table === null || table.tagName !== "TABLE"
          ? null
          : {
              caption: table.caption?.textContent.trim() ?? "",
              head: rows("thead")[0] ?? [],
              body: rows("tbody"),
              foot: rows("tfoot"),
            },
    };
  })`) as Promise<ChartTable[]>;

/** The parts of a report table (the JSON report's shape) that a shown table must repeat. */
export interface ReportTableFigures {
  readonly title: string;
  readonly rowHeader: string;
  readonly columns: readonly { readonly label: string }[];
  readonly rows: readonly ReportRowFigures[];
  readonly totals: ReportRowFigures | null;
}
interface ReportRowFigures {
  readonly label: string;
  readonly cells: readonly (number | { readonly suppressed: true })[];
  readonly total: number | { readonly suppressed: true } | null;
}

const italian = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 0 });
const cellText = (cell: number | { readonly suppressed: true }): string =>
  typeof cell === "number" ? italian.format(cell) : "n.d.";

/**
 * What a page must show for a table of the JSON report: every figure in Italian number format, "n.d." for a
 * suppressed count, the row totals when the report has them and the "Totale" row. Written here, apart from the
 * renderers, so that a renderer that drops or changes a figure fails the comparison.
 */
export const expectedTable = (table: ReportTableFigures): ShownTable => {
  const withRowTotals = table.rows.some((r) => r.total !== null);
  const row = (r: ReportRowFigures): string[] => [
    r.label,
    ...r.cells.map(cellText),
    ...(withRowTotals ? [r.total === null ? "" : cellText(r.total)] : []),
  ];
  return {
    caption: table.title,
    head: [table.rowHeader, ...table.columns.map((c) => c.label), ...(withRowTotals ? ["Totale"] : [])],
    body: table.rows.map(row),
    foot: table.totals === null ? [] : [row(table.totals)],
  };
};
