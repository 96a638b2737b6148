import { isSuppressed, type Report, type Table } from "../report/model.js";
import { chartJsUmdSource } from "./chart-js-source.js";
import { chartsScriptSource } from "./charts-script.js";
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

/** The id of a table's element, shared by the HTML report and the dashboard (a chart points to it). */
export const tableElementId = (statisticId: string, tableKey: string): string =>
  `t-${statisticId}-${tableKey}`;

const hasSuppressed = (table: Table): boolean =>
  [...table.rows, ...(table.totals === null ? [] : [table.totals])].some(
    (r) => r.cells.some(isSuppressed) || (r.total !== null && isSuppressed(r.total)),
  );

/**
 * A table in its own scrolling wrapper (a wide table scrolls by itself, never the page), with the meaning of
 * "n.d." under it when a cell is suppressed. The dashboard builds the same markup (`browser/insieme-charts.js`).
 */
const tableHtml = (table: Table, id: string): string => {
  const withRowTotals = table.rows.some((r) => r.total !== null);
  const suppressed = hasSuppressed(table);
  const head = [table.rowHeader, ...table.columns.map((c) => c.label), ...(withRowTotals ? ["Totale"] : [])]
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join("");
  const row = (r: NonNullable<Table["totals"]>) =>
    `<tr><th scope="row">${escapeHtml(r.label)}</th>${r.cells
      .map((c) => `<td>${escapeHtml(formatCount(c))}</td>`)
      .join(
        "",
      )}${withRowTotals ? `<td>${r.total === null ? "" : escapeHtml(formatCount(r.total))}</td>` : ""}</tr>`;
  const body = table.rows.map((r) => row(r)).join("");
  const foot = table.totals === null ? "" : `<tfoot>${row(table.totals)}</tfoot>`;
  const described = suppressed ? ` aria-describedby="${id}-note"` : "";
  const note = suppressed ? `<p class="table-note" id="${id}-note">${escapeHtml(SUPPRESSED_LEGEND)}</p>` : "";
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-caption"><table id="${id}" data-table="${escapeHtml(
    table.key,
  )}"${described}><caption id="${id}-caption">${escapeHtml(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table></div>${note}`;
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

/** Draws every canvas with the charts script shared with the dashboard. */
const CHART_SCRIPT = `
(() => {
  const report = JSON.parse(document.getElementById("report-data").textContent);
  for (const canvas of document.querySelectorAll("canvas[data-statistic]")) {
    const statistic = report.statistics[Number(canvas.dataset.statistic)];
    const config = InsiemeCharts.configFor(
      statistic,
      statistic.tables[Number(canvas.dataset.table)],
      canvas.parentElement.clientWidth,
    );
    canvas.parentElement.style.height = \`\${InsiemeCharts.heightOf(config)}px\`;
    new Chart(canvas, config);
  }
})();
`;

const STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; color: #222; line-height: 1.4; }
h1 { color: #b5121b; overflow-wrap: anywhere; }
h2 { border-bottom: 2px solid #b5121b; padding-bottom: .2rem; margin-top: 2.5rem; }
.skip { position: absolute; left: -100vw; top: 0; }
.skip:focus { left: 1rem; background: #fff; padding: .3rem .6rem; }
a:focus-visible, .table-wrap:focus-visible { outline: 3px solid #1f4e79; outline-offset: 2px; }
.notice { padding: .6rem 1rem; border-radius: 4px; background: #eef4fa; }
.notice.raw { background: #b5121b; color: #fff; font-weight: bold; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; font-size: .9rem; }
dd { margin: 0; overflow-wrap: anywhere; }
.chart { position: relative; width: 100%; height: 300px; margin-top: 1rem; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: .5rem 0 1.5rem; }
table { border-collapse: collapse; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #ddd; padding: .2rem .6rem; } td { text-align: right; }
thead th { text-align: left; } tbody th, tfoot th { text-align: left; font-weight: normal; }
tfoot tr { font-weight: bold; border-top: 2px solid #222; }
.table-note { font-size: .85rem; color: #555; margin-top: -1.2rem; }
.figure { font-size: 1.2rem; } .description { color: #555; }
footer { border-top: 1px solid #ddd; margin-top: 2rem; font-size: .9rem; }
`;

/** Inline script text: nothing in it may close the element early. */
const inlineScript = (source: string): string => source.replace(/<\/script/gi, "<\\/script");

/**
 * A self-contained HTML page: provenance, a chart per table with the table next to it, all in Italian; no network
 * needed. It reflows down to 320 px (charts follow the page's width, wide tables scroll in their own wrapper).
 */
export const renderReportHtml = (report: Report): string => {
  const p = report.provenance;
  const ourReading = ourReadingNote(p.configuration);
  const charted = new Set(chartedTables(report).map((c) => `${c.statistic}:${c.table}`));
  const raw = p.disclosure.mode === "raw";
  const sections = report.statistics
    .map((s, i) => {
      const blocks = s.tables
        .map((t, j) => {
          const id = tableElementId(s.id, t.key);
          const canvas = charted.has(`${i}:${j}`)
            ? `<div class="chart"><canvas role="img" aria-label="${escapeHtml(
                `Grafico: ${t.title}. I valori sono nella tabella «${t.title}» che segue.`,
              )}" aria-details="${id}" data-statistic="${i}" data-table="${j}"></canvas></div>`
            : "";
          return `<div class="block">${canvas}${tableHtml(t, id)}</div>`;
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
      return `<section id="${s.id}" aria-labelledby="${s.id}-title"><h2 id="${s.id}-title">${i + 1}. ${escapeHtml(
        s.title,
      )}</h2><p class="description">${escapeHtml(s.description)}</p>${figures}${blocks}</section>`;
    })
    .join("\n");
  const window = `${p.window.from ?? "inizio"} → ${p.window.to ?? "fine"}${p.window.asOf === null ? "" : ` (come registrato al ${p.window.asOf})`}`;
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#statistiche">Vai alle statistiche</a>
<header>
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
</header>
<main id="statistiche">
${sections}
</main>
<footer>
<p class="legend">${escapeHtml(SUPPRESSED_LEGEND)}</p>
</footer>
<script id="report-data" type="application/json">${scriptJson(report)}</script>
<script>${inlineScript(chartJsUmdSource())}</script>
<script>${inlineScript(chartsScriptSource())}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
};
