import type { Report, Table } from "../report/model.js";
import { decidedUnderText, formatCount, formatPercent, italianNotice, SUPPRESSED_LEGEND } from "./format.js";

const width = (s: string): number => [...s].length;
const padEnd = (s: string, n: number): string => s + " ".repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => " ".repeat(Math.max(0, n - width(s))) + s;

/** One table as aligned text: labels left, numbers right, a rule above the totals. */
export const renderTableText = (table: Table): string => {
  const withRowTotals = table.rows.some((r) => r.total !== null) || (table.totals?.total ?? null) !== null;
  const header = [
    table.rowHeader,
    ...table.columns.map((c) => c.label),
    ...(withRowTotals ? ["Totale"] : []),
  ];
  const line = (
    label: string,
    cells: Table["rows"][number]["cells"],
    total: Table["rows"][number]["total"],
  ) => [
    label,
    ...cells.map(formatCount),
    ...(withRowTotals ? [total === null ? "" : formatCount(total)] : []),
  ];
  const body = table.rows.map((r) => line(r.label, r.cells, r.total));
  const totals =
    table.totals === null ? null : line(table.totals.label, table.totals.cells, table.totals.total);
  const all = [header, ...body, ...(totals === null ? [] : [totals])];
  const widths = header.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ""))));
  const format = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? padEnd(cell, widths[0] ?? 0) : padStart(cell, widths[i] ?? 0)))
      .join("  ");
  const rule = "-".repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const out = [`  ${table.title}`, format(header), rule, ...body.map(format)];
  if (totals !== null) out.push(rule, format(totals));
  return out.join("\n");
};

/** The whole report as text for a terminal: provenance, then every statistic's tables and figures. */
export const renderReportText = (report: Report): string => {
  const p = report.provenance;
  const window = [
    p.window.from === null ? "dall'inizio" : `dal ${p.window.from}`,
    p.window.to === null ? "alla fine" : `al ${p.window.to}`,
    ...(p.window.asOf === null ? [] : [`come registrato al ${p.window.asOf}`]),
  ].join(" ");
  const lines: string[] = [
    report.title,
    `Fonte: ${p.store.kind} ${p.store.location} · eventi ${p.eventsReplayed} · ultima posizione ${p.lastPosition ?? "-"}`,
    `Hash (${p.journalHash.kind}): ${p.journalHash.value}`,
    `Libreria: ${p.library.name} ${p.library.version} · Periodo: ${window}`,
    `Riservatezza: ${italianNotice(p.disclosure)}`,
    `Configurazione: etichette e territorio di ${p.configuration.labelledBy.id} v${p.configuration.labelledBy.version} · eventi decisi con ${decidedUnderText(p.configuration)}`,
    "",
  ];
  report.statistics.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.title}`);
    for (const t of s.tables) lines.push(renderTableText(t), "");
    for (const f of s.figures) {
      lines.push(`  ${f.label}: ${f.unit === "percent" ? formatPercent(f.value) : formatCount(f.value)}`, "");
    }
  });
  lines.push(SUPPRESSED_LEGEND);
  return `${lines.join("\n")}\n`;
};
