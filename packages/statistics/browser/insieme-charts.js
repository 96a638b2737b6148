// The charts of "I numeri", shared by the HTML report and the dashboard (both load it after chart.js's bundle).
// One place for what a chart looks like: the palette (every colour at least 3:1 against white), a texture or a
// point style per series (series differ without colour), numbers in Italian on axes and tooltips whatever the
// browser's locale, and the data table that goes next to every chart (suppressed counts read "n.d.").
// `window.InsiemeChartsText` (locale, the suppressed mark and its meaning) is set by @insieme/statistics in front
// of this file, so that the words come from the same place as the other renderings.
((global) => {
  const TEXT = global.InsiemeChartsText;
  const Chart = global.Chart;
  /** Contrast against white: 6.9, 8.7, 4.9, 5.1, 7.0, 5.2, 6.1, 5.7, 5.7, 6.1 (WCAG 1.4.11 asks for 3). */
  const PALETTE = [
    "#b5121b",
    "#1f4e79",
    "#9a6700",
    "#4f7942",
    "#7b3f99",
    "#1d7a70",
    "#8d5524",
    "#5c677d",
    "#c9184a",
    "#006d77",
  ];
  const POINT_STYLES = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "rectRounded", "cross"];
  const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  /** Bar fills: solid, then textures drawn in white over the series' colour. */
  const TEXTURES = ["solid", "diagonal", "dots", "horizontal", "grid", "vertical"];
  const numberFormat = new Intl.NumberFormat(TEXT.locale);

  Chart.defaults.locale = TEXT.locale;
  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.color = "#444";
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;

  const colorOf = (i) => PALETTE[i % PALETTE.length];

  const drawTexture = (ctx, texture) => {
    ctx.fillStyle = "#fff";
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 1.5;
    if (texture === "diagonal") {
      ctx.beginPath();
      for (const [x0, y0, x1, y1] of [
        [0, 8, 8, 0],
        [-2, 2, 2, -2],
        [6, 10, 10, 6],
      ]) {
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
      }
      ctx.stroke();
    } else if (texture === "dots") {
      ctx.beginPath();
      ctx.arc(4, 4, 1.6, 0, 2 * Math.PI);
      ctx.fill();
    } else if (texture === "horizontal") {
      ctx.fillRect(0, 3, 8, 2);
    } else if (texture === "vertical") {
      ctx.fillRect(3, 0, 2, 8);
    } else if (texture === "grid") {
      ctx.fillRect(0, 3, 8, 1.5);
      ctx.fillRect(3, 0, 1.5, 8);
    }
  };

  /** The fill of series `i`: its colour, textured from the second series on (the legend shows the same fill). */
  const fillOf = (i) => {
    const texture = TEXTURES[i % TEXTURES.length];
    if (texture === "solid") return colorOf(i);
    const tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    const ctx = tile.getContext("2d");
    ctx.fillStyle = colorOf(i);
    ctx.fillRect(0, 0, 8, 8);
    drawTexture(ctx, texture);
    return ctx.createPattern(tile, "repeat");
  };

  /** A suppressed cell is drawn as a gap, never as zero; its figure is in the table as "n.d.". */
  const countOf = (cell) => (typeof cell === "number" ? cell : null);
  const formatCell = (cell) => (typeof cell === "number" ? numberFormat.format(cell) : TEXT.suppressedMark);

  const countAxis = (title) => ({
    beginAtZero: true,
    ticks: { precision: 0 },
    ...(title === undefined ? {} : { title: { display: true, text: title } }),
  });

  const plugins = (table, datasets, usePointStyle) => ({
    title: { display: true, text: table.title },
    legend: { display: datasets > 1, labels: { usePointStyle } },
  });

  const lineConfig = (table) => {
    const twoAxes = table.columns.length > 1;
    return {
      type: "line",
      data: {
        labels: table.rows.map((r) => r.label),
        datasets: table.columns.map((c, i) => ({
          label: c.label,
          data: table.rows.map((r) => countOf(r.cells[i])),
          borderColor: colorOf(i),
          backgroundColor: colorOf(i),
          borderDash: DASHES[i % DASHES.length],
          borderWidth: 2,
          pointStyle: POINT_STYLES[i % POINT_STYLES.length],
          pointRadius: 4,
          pointHoverRadius: 6,
          spanGaps: false,
          yAxisID: i === 0 || !twoAxes ? "y" : "y1",
        })),
      },
      options: {
        plugins: plugins(table, table.columns.length, true),
        scales: {
          y: countAxis(table.columns[0]?.label),
          ...(twoAxes
            ? {
                y1: {
                  ...countAxis(table.columns[1].label),
                  position: "right",
                  grid: { drawOnChartArea: false },
                },
              }
            : {}),
        },
      },
    };
  };

  /** A long category name on a horizontal bar's axis goes on several lines rather than shrinking the bars. */
  const wrapped = (label, width = 18) => {
    if (label.length <= width) return label;
    const lines = [];
    for (const word of label.split(" ")) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
      else lines.push(word);
    }
    return lines;
  };

  const rankedConfig = (table) => {
    const ranked = table.rows
      .map((r) => ({ label: r.label, value: countOf(r.cells[0]) }))
      .filter((x) => x.value !== null && x.value > 0)
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, "it"));
    return {
      type: "bar",
      data: {
        labels: ranked.map((x) => x.label),
        datasets: [
          {
            label: table.columns[0]?.label ?? "",
            data: ranked.map((x) => x.value),
            backgroundColor: fillOf(0),
            borderColor: colorOf(0),
            borderWidth: 1.5,
          },
        ],
      },
      options: {
        indexAxis: "y",
        plugins: plugins(table, 1, false),
        scales: { x: countAxis(table.columns[0]?.label), y: { ticks: { autoSkip: false } } },
      },
    };
  };

  /** Bars per category and series; horizontal on a narrow box, where upright bars would leave no room. */
  const barConfig = (table, horizontal) => ({
    type: "bar",
    data: {
      labels: table.rows.map((r) => (horizontal ? wrapped(r.label) : r.label)),
      datasets: table.columns.map((c, i) => ({
        label: c.label,
        data: table.rows.map((r) => countOf(r.cells[i])),
        backgroundColor: fillOf(i),
        borderColor: colorOf(i),
        borderWidth: 1.5,
      })),
    },
    options: {
      ...(horizontal ? { indexAxis: "y" } : {}),
      plugins: plugins(table, table.columns.length, false),
      scales: horizontal ? { x: countAxis(), y: { ticks: { autoSkip: false } } } : { y: countAxis() },
    },
  });

  /** Below this width (CSS pixels) of the chart's box, bars are drawn horizontally. */
  const NARROW = 560;

  /**
   * The chart.js configuration of a report table drawn in a box `width` pixels wide. Ranked (horizontal) bars
   * where there are many categories (the territory's comuni).
   */
  const configFor = (statistic, table, width) =>
    statistic.chart === "line"
      ? lineConfig(table)
      : statistic.chart === "rankedBar" && table.rows.length > 8
        ? rankedConfig(table)
        : barConfig(table, width < NARROW);

  /** The height of a chart's box in CSS pixels (its width follows the page). */
  const heightOf = (config) => {
    if (config.options.indexAxis !== "y") return 300;
    const lines = config.data.labels.reduce((n, l) => n + (Array.isArray(l) ? l.length : 1), 0);
    const perCategory = 10 + 14 * config.data.datasets.length;
    return Math.max(220, Math.max(lines * 16, config.data.labels.length * perCategory) + 100);
  };

  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /**
   * The table of a chart as DOM, the same markup as the HTML report's tables: a caption, the row header, the
   * columns, the row totals and the "Totale" row when the report has them, and the meaning of "n.d." under the
   * table when a cell is suppressed. It sits in a wrapper that scrolls by itself on a narrow screen.
   */
  const tableElement = (table, id) => {
    const withRowTotals = table.rows.some((r) => r.total !== null);
    const suppressed = [...table.rows, ...(table.totals === null ? [] : [table.totals])].some(
      (r) => r.cells.some((c) => typeof c !== "number") || (r.total !== null && typeof r.total !== "number"),
    );
    const wrap = element("div", {
      class: "table-wrap",
      role: "region",
      tabindex: "0",
      "aria-labelledby": `${id}-caption`,
    });
    const t = element("table", { id, "data-table": table.key });
    if (suppressed) t.setAttribute("aria-describedby", `${id}-note`);
    t.append(element("caption", { id: `${id}-caption` }, table.title));
    const headRow = element("tr");
    for (const h of [
      table.rowHeader,
      ...table.columns.map((c) => c.label),
      ...(withRowTotals ? ["Totale"] : []),
    ])
      headRow.append(element("th", { scope: "col" }, h));
    const head = element("thead");
    head.append(headRow);
    t.append(head);
    const row = (r) => {
      const tr = element("tr");
      tr.append(element("th", { scope: "row" }, r.label));
      for (const c of r.cells) tr.append(element("td", {}, formatCell(c)));
      if (withRowTotals) tr.append(element("td", {}, r.total === null ? "" : formatCell(r.total)));
      return tr;
    };
    const body = element("tbody");
    for (const r of table.rows) body.append(row(r));
    t.append(body);
    if (table.totals !== null) {
      const foot = element("tfoot");
      foot.append(row(table.totals));
      t.append(foot);
    }
    wrap.append(t);
    if (!suppressed) return [wrap];
    return [wrap, element("p", { class: "table-note", id: `${id}-note` }, TEXT.suppressedNote)];
  };

  global.InsiemeCharts = {
    PALETTE,
    configFor,
    heightOf,
    tableElement,
    formatCell,
    formatNumber: (n) => numberFormat.format(n),
  };
})(window);
