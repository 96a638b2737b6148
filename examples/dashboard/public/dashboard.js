// The "I numeri" dashboard: the public view of the published report. It offers the released periods of the
// release calendar only (GET /report/releases), fetches the chosen one's report from the case service and draws
// one chart per table. A release never changes once published; when the service announces new events
// (server-sent events on /events) the page asks for the list of releases again and moves to a new latest one
// unless the reader chose a period.
(() => {
  const numberFormat = new Intl.NumberFormat("it-IT");
  const longDate = new Intl.DateTimeFormat("it-IT", { dateStyle: "long", timeZone: "UTC" });
  const charts = new Map();
  const state = {
    loading: false,
    again: false,
    updates: 0,
    report: null,
    releases: [],
    next: null,
    chosen: false,
  };
  const FIELDS = ["release"];

  const $ = (id) => document.getElementById(id);
  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const query = () => {
    const params = new URLSearchParams();
    const value = $("release").value;
    if (value !== "") params.set("release", value);
    return params;
  };

  const MONTHS = new Intl.DateTimeFormat("it-IT", { month: "long", year: "numeric", timeZone: "UTC" });
  /** A release's period in words: "marzo 2018", "1º trimestre 2018", "anno 2018". */
  const periodName = (release) => {
    const quarter = /^(\d{4})-Q([1-4])$/.exec(release.id);
    if (quarter !== null) return `${quarter[2]}º trimestre ${quarter[1]}`;
    if (/^\d{4}$/.test(release.id)) return `anno ${release.id}`;
    return MONTHS.format(new Date(`${release.from}T00:00:00Z`));
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
        grid.append(element("div", { class: "block", "data-holder": `${statistic.id}:${table.key}` }));
      }
      section.append(grid);
      main.append(section);
    }
  };

  /**
   * A chart and, next to it, its data as a table (in a <details> the canvas points to with aria-details); a table
   * with one row (a single total) is shown as a table only. Later reports only replace the data.
   */
  const drawTable = (statistic, table) => {
    const key = `${statistic.id}:${table.key}`;
    const holder = document.querySelector(`[data-holder="${key}"]`);
    if (holder === null) return;
    const id = `t-${statistic.id}-${table.key}`;
    const tableNodes = InsiemeCharts.tableElement(table, id);
    const existing = charts.get(key);
    // A trend is a chart even with one month; other one-row tables (a single total) read better as a table.
    if (table.rows.length < 2 && statistic.chart !== "line") {
      existing?.destroy();
      charts.delete(key);
      holder.replaceChildren(...tableNodes);
      return;
    }
    let box = holder.querySelector(".chart");
    let slot = holder.querySelector(".data-slot");
    if (box === null || slot === null) {
      box = element("div", { class: "chart" });
      slot = element("div", { class: "data-slot" });
      const details = element("details", { class: "data" });
      details.append(element("summary", {}, `Tabella dei dati: ${table.title}`), slot);
      holder.replaceChildren(box, details);
    }
    slot.replaceChildren(...tableNodes);
    const config = InsiemeCharts.configFor(statistic, table, box.clientWidth);
    const shape = `${config.type}:${config.options.indexAxis ?? "x"}`;
    box.style.height = `${InsiemeCharts.heightOf(config)}px`;
    if (existing !== undefined && existing.$shape === shape) {
      existing.data.labels = config.data.labels;
      existing.data.datasets = config.data.datasets;
      existing.update();
      return;
    }
    existing?.destroy();
    const canvas = element("canvas", {
      "data-chart": key,
      role: "img",
      "aria-label": `Grafico: ${table.title}. I valori sono nella tabella «${table.title}» che segue.`,
      "aria-details": id,
    });
    box.replaceChildren(canvas);
    const chart = new Chart(canvas, config);
    chart.$shape = shape;
    charts.set(key, chart);
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
    // The window of a release: its days, as of its release instant.
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
        : `Dati pubblicati: un periodo del calendario delle pubblicazioni alla volta, pubblicato una sola volta e mai modificato; i conteggi di persone inferiori a ${p.disclosure.minCell} sono oscurati (n.d., mostrati come vuoti nei grafici), insieme a quelli da cui si potrebbero ricalcolare dai totali o da altre tabelle.`;
    $("provenance").textContent = describeProvenance(p);
    $("status").textContent =
      `Filtri applicati: ${describeWindow(p.window)}. Dati aggiornati: ${numberFormat.format(
        p.eventsReplayed,
      )} eventi, ultima posizione ${p.lastPosition ?? "nessuna"}.`;
    document.body.dataset.position = String(p.lastPosition ?? "none");
    document.body.dataset.events = String(p.eventsReplayed);
    document.body.dataset.window = JSON.stringify(p.window);
  };

  const dayText = (isoDay) => longDate.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`));

  /** The period and the as-of date a report was computed for, in words (announced in the status region). */
  const describeWindow = (w) => {
    const release = state.releases.find((r) => r.from === w.from && r.to === w.to);
    const period =
      release !== undefined
        ? `periodo pubblicato ${periodName(release)}, dal ${dayText(w.from)} al ${dayText(w.to)}`
        : w.from !== null && w.to !== null
          ? `periodo dal ${dayText(w.from)} al ${dayText(w.to)}`
          : w.from !== null
            ? `periodo dal ${dayText(w.from)} in poi`
            : w.to !== null
              ? `periodo fino al ${dayText(w.to)}`
              : "tutto il periodo";
    const asOf =
      w.asOf === null
        ? "tutti gli eventi registrati"
        : `eventi registrati fino al ${dayText(w.asOf)}${release === undefined ? "" : " (data di pubblicazione)"}`;
    return `${period}, ${asOf}`;
  };

  /** Shows (or clears, with null) the error of one field: next to it, and named by its aria-describedby. */
  const setFieldError = (name, message) => {
    const input = $(name);
    const error = $(`${name}-error`);
    error.textContent = message ?? "";
    error.hidden = message === null;
    if (message === null) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", message === null ? `${name}-hint` : `${name}-error ${name}-hint`);
  };

  const NO_RELEASE = "Nessun periodo scelto: scegliere uno dei periodi pubblicati.";

  /** The filters' errors by field, checked before asking the service. */
  const fieldErrors = () => {
    const errors = new Map();
    if (state.releases.length > 0 && $("release").value === "") errors.set("release", NO_RELEASE);
    return errors;
  };

  /** Why the service refused a period, in Italian (its reasons, in English, are for developers). */
  const refusalText = (reason) =>
    reason === "not-yet-released"
      ? "Questo periodo non è ancora pubblicato: scegliere uno dei periodi già pubblicati."
      : "Questo periodo non è previsto dal calendario delle pubblicazioni: scegliere uno dei periodi pubblicati.";

  /** The service's reasons said in Italian next to the field they name. */
  const serviceFieldErrors = (body) => {
    const errors = new Map();
    if (body.error === "publication-refused") errors.set("release", refusalText(body.details?.reason));
    for (const issue of body.issues ?? []) {
      const name = String(issue.path).replace(/^query\./, "");
      if (FIELDS.includes(name)) errors.set(name, "Valore non accettato dal servizio.");
    }
    return errors;
  };

  /** Marks the fields in error (the first one takes the focus) and says so in the status region. */
  const showFieldErrors = (errors) => {
    for (const name of FIELDS) setFieldError(name, errors.get(name) ?? null);
    if (errors.size === 0) return false;
    $("status").textContent =
      `Filtri non applicati: ${errors.size === 1 ? "un campo da correggere" : `${errors.size} campi da correggere`}.`;
    $(FIELDS.find((name) => errors.has(name))).focus();
    return true;
  };

  const serviceError = (status) =>
    status === 503
      ? "Le statistiche si stanno aggiornando: riprovare tra qualche secondo."
      : status === 401 || status === 403
        ? "Accesso non consentito ai dati richiesti."
        : `Il servizio non ha potuto rispondere (errore ${status}).`;

  /** Fetches the report; a request asked for while one is running is made once it ends. */
  const refresh = async () => {
    if (state.loading) {
      state.again = true;
      return;
    }
    state.loading = true;
    document.body.dataset.state = "loading";
    try {
      await loadReleases();
      if (state.releases.length === 0) {
        $("status").textContent =
          state.next === null
            ? "Nessun periodo ancora pubblicato."
            : `Nessun periodo ancora pubblicato: il primo (${periodName(state.next)}) sarà pubblicato il ${dayText(state.next.releasedAt)}.`;
        return;
      }
      const response = await fetch(`/report?${query().toString()}`, {
        headers: { accept: "application/json" },
      });
      const body = await response.json();
      if (!response.ok) {
        const errors = serviceFieldErrors(body);
        if (!showFieldErrors(errors)) {
          $("error").textContent = serviceError(response.status);
          $("error").hidden = false;
        }
      } else {
        $("error").hidden = true;
        state.report = body;
        state.updates++;
        show(body);
      }
    } catch {
      $("error").textContent = "Servizio non raggiungibile: controllare la connessione e riprovare.";
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

  /**
   * The released periods, newest first, as the choices of the period field; the latest is chosen until the reader
   * chooses another. Only these are offered: the service refuses any other window of the published report.
   */
  const loadReleases = async () => {
    const response = await fetch("/report/releases", { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`releases: ${response.status}`);
    const body = await response.json();
    state.next = body.next ?? null;
    const ids = body.releases.map((r) => r.id).join(",");
    const select = $("release");
    if (ids !== state.releases.map((r) => r.id).join(",")) {
      const kept = select.value;
      state.releases = body.releases;
      select.replaceChildren(
        ...state.releases.map((r) =>
          element("option", { value: r.id }, `${periodName(r)} (pubblicato il ${dayText(r.releasedAt)})`),
        ),
      );
      const latest = state.releases[0]?.id ?? "";
      select.value = state.chosen && state.releases.some((r) => r.id === kept) ? kept : latest;
    }
    document.body.dataset.releases = state.releases.map((r) => r.id).join(",");
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
    if (showFieldErrors(fieldErrors())) return;
    state.chosen = $("release").value !== (state.releases[0]?.id ?? "");
    refresh();
  });
  $("reset").addEventListener("click", () => {
    state.chosen = false;
    $("release").value = state.releases[0]?.id ?? "";
    for (const name of FIELDS) setFieldError(name, null);
    refresh();
  });

  window.insiemeDashboard = { state, charts };
  subscribe();
  refresh();
})();
