import type { Report, Table } from "../report/model.js";
import { chartJsUmdSource } from "./chart-js-source.js";
import {
  decidedUnderText,
  formatCount,
  formatPercent,
  italianNotice,
  ourReadingNote,
  SUPPRESSED_LEGEND,
} from "./format.js";

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

const tableHtml = (table: Table): string => {
  const withRowTotals = table.rows.some((r) => r.total !== null);
  const head = [table.rowHeader, ...table.columns.map((c) => c.label), ...(withRowTotals ? ["Totale"] : [])]
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join("");
  const row = (r: NonNullable<Table["totals"]>, cls: string) =>
    `<tr class="${cls}"><th scope="row">${escapeHtml(r.label)}</th>${r.cells
      .map((c) => `<td>${escapeHtml(formatCount(c))}</td>`)
      .join(
        "",
      )}${withRowTotals ? `<td>${r.total === null ? "" : escapeHtml(formatCount(r.total))}</td>` : ""}</tr>`;
  const body = table.rows.map((r) => row(r, "")).join("");
  const foot = table.totals === null ? "" : `<tfoot>${row(table.totals, "totals")}</tfoot>`;
  return `<table><caption>${escapeHtml(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table>`;
};

/** Tables that get a chart: those with at least two rows (a single number is shown as a table only). */
export const chartedTables = (report: Report): { statistic: number; table: number }[] => {
  const out: { statistic: number; table: number }[] = [];
  report.statistics.forEach((s, i) => {
    s.tables.forEach((t, j) => {
      if (t.rows.length >= 2) out.push({ statistic: i, table: j });
    });
  });
  return out;
};

const CHART_SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById("report-data").textContent);
  var palette = ["#b5121b", "#1f4e79", "#e3a21a", "#4f7942", "#7b3f99", "#2a9d8f", "#8d5524", "#5c677d", "#c9184a", "#006d77"];
  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  var num = function (c) { return typeof c === "number" ? c : null; };
  document.querySelectorAll("canvas[data-statistic]").forEach(function (canvas) {
    var s = report.statistics[Number(canvas.dataset.statistic)];
    var t = s.tables[Number(canvas.dataset.table)];
    var labels = t.rows.map(function (r) { return r.label; });
    var config;
    if (s.chart === "line") {
      config = { type: "line", data: { labels: labels, datasets: t.columns.map(function (c, i) {
        return { label: c.label, data: t.rows.map(function (r) { return num(r.cells[i]); }), borderColor: palette[i], backgroundColor: palette[i], spanGaps: false, yAxisID: i === 0 ? "y" : "y1" };
      }) }, options: { scales: { y: { beginAtZero: true, title: { display: true, text: t.columns[0].label } }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: (t.columns[1] || t.columns[0]).label } } } } };
    } else if (s.chart === "rankedBar" && t.rows.length > 8) {
      var ranked = t.rows.map(function (r) { return { label: r.label, value: num(r.cells[0]) }; })
        .filter(function (x) { return x.value !== null && x.value > 0; })
        .sort(function (a, b) { return b.value - a.value || (a.label < b.label ? -1 : 1); });
      config = { type: "bar", data: { labels: ranked.map(function (x) { return x.label; }), datasets: [{ label: t.columns[0].label, data: ranked.map(function (x) { return x.value; }), backgroundColor: palette[0] }] }, options: { indexAxis: "y", scales: { x: { beginAtZero: true } } } };
      canvas.height = Math.max(200, 22 * ranked.length + 60);
    } else {
      config = { type: "bar", data: { labels: labels, datasets: t.columns.map(function (c, i) {
        return { label: c.label, data: t.rows.map(function (r) { return num(r.cells[i]); }), backgroundColor: palette[i % palette.length] };
      }) }, options: { scales: { y: { beginAtZero: true } } } };
    }
    config.options.plugins = { title: { display: true, text: t.title }, legend: { display: t.columns.length > 1 || s.chart === "line" } };
    new Chart(canvas, config);
  });
})();
`;

/** A self-contained HTML page: provenance, a chart per table, the tables, all in Italian; no network needed. */
export const renderReportHtml = (report: Report): string => {
  const p = report.provenance;
  const ourReading = ourReadingNote(p.configuration);
  const charted = new Set(chartedTables(report).map((c) => `${c.statistic}:${c.table}`));
  const raw = p.disclosure.mode === "raw";
  const sections = report.statistics
    .map((s, i) => {
      const blocks = s.tables
        .map((t, j) => {
          const canvas = charted.has(`${i}:${j}`)
            ? `<canvas width="760" height="320" data-statistic="${i}" data-table="${j}" aria-label="${escapeHtml(t.title)}"></canvas>`
            : "";
          return `<div class="block">${canvas}${tableHtml(t)}</div>`;
        })
        .join("");
      const figures = s.figures
        .map(
          (f) =>
            `<p class="figure">${escapeHtml(f.label)}: <strong>${escapeHtml(
              f.unit === "percent" ? formatPercent(f.value) : formatCount(f.value),
            )}</strong></p>`,
        )
        .join("");
      return `<section id="${s.id}"><h2>${i + 1}. ${escapeHtml(s.title)}</h2><p class="description">${escapeHtml(
        s.description,
      )}</p>${figures}${blocks}</section>`;
    })
    .join("\n");
  const window = `${p.window.from ?? "inizio"} → ${p.window.to ?? "fine"}${p.window.asOf === null ? "" : ` (come registrato al ${p.window.asOf})`}`;
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { color: #b5121b; } h2 { border-bottom: 2px solid #b5121b; padding-bottom: .2rem; margin-top: 2.5rem; }
.notice { padding: .6rem 1rem; border-radius: 4px; background: #eef4fa; }
.notice.raw { background: #b5121b; color: #fff; font-weight: bold; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem; }
dd { margin: 0; word-break: break-all; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #ddd; padding: .2rem .6rem; } td { text-align: right; }
thead th { text-align: left; } tbody th, tfoot th { text-align: left; font-weight: normal; }
tfoot tr { font-weight: bold; border-top: 2px solid #222; }
.figure { font-size: 1.2rem; } .description { color: #555; }
</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p class="notice${raw ? " raw" : ""}">${escapeHtml(italianNotice(p.disclosure))}</p>
<dl>
<dt>Fonte</dt><dd>${escapeHtml(`${p.store.kind} ${p.store.location}`)}</dd>
<dt>Eventi</dt><dd>${p.eventsReplayed} (ultima posizione ${p.lastPosition ?? "-"})</dd>
<dt>Hash</dt><dd>${escapeHtml(`${p.journalHash.kind}: ${p.journalHash.value}`)}</dd>
<dt>Libreria</dt><dd>${escapeHtml(`${p.library.name} ${p.library.version}`)}</dd>
<dt>Periodo</dt><dd>${escapeHtml(window)}</dd>
<dt>Configurazione</dt><dd>${escapeHtml(`etichette e territorio di ${p.configuration.labelledBy.id} v${p.configuration.labelledBy.version}; eventi decisi con ${decidedUnderText(p.configuration)}`)}</dd>
</dl>
${ourReading === null ? "" : `<p class="notice our-reading">${escapeHtml(ourReading)}</p>`}
${sections}
<p class="legend">${escapeHtml(SUPPRESSED_LEGEND)}</p>
<script id="report-data" type="application/json">${scriptJson(report)}</script>
<script>${chartJsUmdSource().replace(/<\/script/gi, "<\\/script")}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
};
