// The "I numeri" dashboard: fetches the report from the case service, draws one chart per table, and fetches it
// again whenever the service announces new events (server-sent events on /events).
(() => {
  const PALETTE = ["#b5121b", "#1f4e79", "#e3a21a", "#4f7942", "#7b3f99", "#2a9d8f", "#8d5524", "#5c677d"];
  const numberFormat = new Intl.NumberFormat("it-IT");
  const charts = new Map();
  const state = { loading: false, again: false, updates: 0, report: null };

  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  const $ = (id) => document.getElementById(id);
  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  /** A suppressed cell is drawn as a gap, never as zero. */
  const countOf = (cell) => (typeof cell === "number" ? cell : null);
  const formatCell = (cell) => (typeof cell === "number" ? numberFormat.format(cell) : "n.d.");

  const query = () => {
    const params = new URLSearchParams();
    for (const name of ["from", "to", "asOf"]) {
      const value = $(name).value;
      if (value !== "") params.set(name, value);
    }
    return params;
  };

  const chartConfig = (statistic, table) => {
    const labels = table.rows.map((r) => r.label);
    const legend = { display: table.columns.length > 1 };
    if (statistic.chart === "line") {
      return {
        type: "line",
        data: {
          labels,
          datasets: table.columns.map((c, i) => ({
            label: c.label,
            data: table.rows.map((r) => countOf(r.cells[i])),
            borderColor: PALETTE[i],
            backgroundColor: PALETTE[i],
            yAxisID: i === 0 ? "y" : "y1",
          })),
        },
        options: {
          plugins: { title: { display: true, text: table.title }, legend },
          scales: {
            y: {
              beginAtZero: true,
              ticks: { precision: 0 },
              title: { display: true, text: table.columns[0]?.label ?? "" },
            },
            y1: {
              beginAtZero: true,
              ticks: { precision: 0 },
              position: "right",
              grid: { drawOnChartArea: false },
            },
          },
        },
      };
    }
    if (statistic.chart === "rankedBar") {
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
              backgroundColor: PALETTE[0],
            },
          ],
        },
        options: {
          indexAxis: "y",
          plugins: { title: { display: true, text: table.title }, legend },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      };
    }
    return {
      type: "bar",
      data: {
        labels,
        datasets: table.columns.map((c, i) => ({
          label: c.label,
          data: table.rows.map((r) => countOf(r.cells[i])),
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        plugins: { title: { display: true, text: table.title }, legend },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
  };

  const singleRowTable = (table) => {
    const t = element("table", { class: "single", "data-table": table.key });
    t.append(element("caption", {}, table.title));
    for (const row of table.rows) {
      const tr = element("tr");
      tr.append(element("th", { scope: "row" }, row.label), element("td", {}, formatCell(row.cells[0])));
      t.append(tr);
    }
    return t;
  };

  /** Builds the sections once; later reports only replace each chart's data. */
  const ensureLayout = (report) => {
    const main = $("statistics");
    if (main.childElementCount > 0) return;
    for (const statistic of report.statistics) {
      const section = element("section", { class: "statistic", id: `statistic-${statistic.id}` });
      section.append(element("h2", {}, statistic.title), element("p", {}, statistic.description));
      section.append(element("div", { class: "figures" }));
      const grid = element("div", { class: "charts" });
      for (const table of statistic.tables) {
        const holder = element("div", { class: "chart", "data-holder": `${statistic.id}:${table.key}` });
        grid.append(holder);
      }
      section.append(grid);
      main.append(section);
    }
  };

  const drawTable = (statistic, table) => {
    const key = `${statistic.id}:${table.key}`;
    const holder = document.querySelector(`[data-holder="${key}"]`);
    if (holder === null) return;
    // A trend is a chart even with one month; other one-row tables (a single total) read better as a table.
    if (table.rows.length < 2 && statistic.chart !== "line") {
      holder.replaceChildren(singleRowTable(table));
      return;
    }
    const config = chartConfig(statistic, table);
    const existing = charts.get(key);
    if (existing !== undefined && existing.config.type === config.type) {
      existing.data.labels = config.data.labels;
      existing.data.datasets = config.data.datasets;
      existing.update();
      return;
    }
    existing?.destroy();
    const canvas = element("canvas", { "data-chart": key, role: "img", "aria-label": table.title });
    holder.replaceChildren(canvas);
    if (statistic.chart === "rankedBar")
      holder.style.height = `${Math.max(220, 22 * config.data.labels.length + 80)}px`;
    charts.set(key, new Chart(canvas, config));
  };

  const drawFigures = (statistic) => {
    const box = document.querySelector(`#statistic-${statistic.id} .figures`);
    box.replaceChildren(
      ...statistic.figures.map((f) => {
        const figure = element("div", { class: "figure", "data-figure": f.key });
        const value =
          typeof f.value === "number"
            ? f.unit === "percent"
              ? `${numberFormat.format(f.value)}%`
              : numberFormat.format(f.value)
            : "n.d.";
        figure.append(element("strong", {}, value), document.createTextNode(f.label));
        return figure;
      }),
    );
  };

  const describeProvenance = (p) => {
    const parts = [
      p.window.from === null ? null : `dal ${p.window.from}`,
      p.window.to === null ? null : `al ${p.window.to}`,
      p.window.asOf === null ? null : `eventi registrati fino al ${p.window.asOf}`,
    ].filter((x) => x !== null);
    return `Fonte: ${p.store.kind} · ${numberFormat.format(p.eventsReplayed)} eventi · ultima posizione ${
      p.lastPosition ?? "nessuna"
    } · ${p.journalHash.kind} ${p.journalHash.value} · ${p.library.name} ${p.library.version}${
      parts.length === 0 ? "" : ` · ${parts.join(", ")}`
    }`;
  };

  const show = (report) => {
    ensureLayout(report);
    for (const statistic of report.statistics) {
      for (const table of statistic.tables) drawTable(statistic, table);
      drawFigures(statistic);
    }
    const p = report.provenance;
    $("notice").textContent =
      p.disclosure.mode === "raw"
        ? "Dati grezzi, senza oscuramento: solo per uso interno autorizzato."
        : `Dati pubblicati: i conteggi di persone inferiori a ${p.disclosure.minCell} sono oscurati (n.d., mostrati come vuoti nei grafici), insieme a quelli da cui si potrebbero ricalcolare dai totali.`;
    $("provenance").textContent = describeProvenance(p);
    $("status").textContent =
      `Aggiornato: ${numberFormat.format(p.eventsReplayed)} eventi, ultima posizione ${p.lastPosition ?? "nessuna"}`;
    document.body.dataset.position = String(p.lastPosition ?? "none");
    document.body.dataset.events = String(p.eventsReplayed);
    document.body.dataset.window = JSON.stringify(p.window);
  };

  /** Fetches the report; a request asked for while one is running is made once it ends. */
  const refresh = async () => {
    if (state.loading) {
      state.again = true;
      return;
    }
    state.loading = true;
    document.body.dataset.state = "loading";
    try {
      const response = await fetch(`/report?${query().toString()}`, {
        headers: { accept: "application/json" },
      });
      const body = await response.json();
      if (!response.ok) {
        $("error").textContent = `Richiesta non valida: ${body.message}`;
        $("error").hidden = false;
      } else {
        $("error").hidden = true;
        state.report = body;
        state.updates++;
        show(body);
      }
    } catch (error) {
      $("error").textContent = `Servizio non raggiungibile: ${error.message}`;
      $("error").hidden = false;
    } finally {
      state.loading = false;
      document.body.dataset.state = "ready";
      document.body.dataset.updates = String(state.updates);
    }
    if (state.again) {
      state.again = false;
      await refresh();
    }
  };

  const subscribe = () => {
    const events = new EventSource("/events");
    const live = $("live");
    events.addEventListener("open", () => {
      live.dataset.live = "on";
      live.textContent = "In diretta";
    });
    events.addEventListener("recorded", () => refresh());
    events.addEventListener("error", () => {
      live.dataset.live = "off";
      live.textContent = "Riconnessione…";
    });
  };

  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  $("reset").addEventListener("click", () => {
    for (const name of ["from", "to", "asOf"]) $(name).value = "";
    refresh();
  });

  window.insiemeDashboard = { state, charts };
  subscribe();
  refresh();
})();
