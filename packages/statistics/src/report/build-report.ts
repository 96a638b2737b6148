import { type DayWindow, dayCodeOf } from "../day-code.js";
import { type DisclosureMode, publishedNotice, publishTable, RAW_NOTICE } from "../disclosure/disclosure.js";
import type { StatisticsStates } from "../replay.js";
import { STATISTICS } from "../statistics.js";
import { LIBRARY } from "../version.js";
import { type Provenance, REPORT_FORMAT, type Report, type ReportWindow, type Statistic } from "./model.js";

export interface ReportSource {
  readonly store: { readonly kind: string; readonly location: string };
  readonly lastPosition: number | null;
  readonly eventsReplayed: number;
  readonly journalHash: Provenance["journalHash"];
}

export interface ReportOptions {
  readonly window: ReportWindow;
  readonly disclosure: DisclosureMode;
}

export const REPORT_TITLE = "Insieme per il lavoro — I numeri";

const dayWindow = (window: ReportWindow): DayWindow => ({
  from: window.from === null ? null : dayCodeOf(window.from),
  to: window.to === null ? null : dayCodeOf(window.to),
});

/** The report of every statistic for a window, from the projections' states; no clock is read. */
export const buildReport = (
  states: StatisticsStates,
  source: ReportSource,
  options: ReportOptions,
): Report => {
  const days = dayWindow(options.window);
  const statistics: Statistic[] = STATISTICS.map((definition) => {
    const state = states[definition.projection.name] ?? definition.projection.initialState();
    const tables = definition.counts(state, days).tables.map((t) => publishTable(t, options.disclosure));
    const finished = definition.finish?.(tables) ?? { tables, figures: [] };
    return {
      id: definition.id,
      title: definition.title,
      description: definition.description,
      chart: definition.chart,
      tables: finished.tables,
      figures: finished.figures,
    };
  });
  const disclosure =
    options.disclosure.mode === "raw"
      ? { mode: "raw" as const, minCell: null, notice: RAW_NOTICE }
      : {
          mode: "published" as const,
          minCell: options.disclosure.minCell,
          notice: publishedNotice(options.disclosure.minCell),
        };
  return {
    format: REPORT_FORMAT,
    title: options.disclosure.mode === "raw" ? `${REPORT_TITLE} (RAW — USO INTERNO)` : REPORT_TITLE,
    provenance: {
      store: { kind: source.store.kind, location: source.store.location },
      lastPosition: source.lastPosition,
      eventsReplayed: source.eventsReplayed,
      journalHash: source.journalHash,
      library: { name: LIBRARY.name, version: LIBRARY.version },
      window: options.window,
      disclosure,
    },
    statistics,
  };
};
