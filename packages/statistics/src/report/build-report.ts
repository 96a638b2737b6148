import {
  type ConfigurationVersionInForce,
  configurationInForce,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import { type DayWindow, dayCodeOf } from "../day-code.js";
import { type DecidedUnderState, decidedUnderList, decidedUnderProjection } from "../decided-under.js";
import { type DisclosureMode, publishedNotice, publishTable, RAW_NOTICE } from "../disclosure/disclosure.js";
import { maskKey, suppressLinkedTables } from "../disclosure/joint-suppression.js";
import { linkedCells } from "../disclosure/linked-tables.js";
import { reportView } from "../labels.js";
import type { StatisticsStates } from "../replay.js";
import type { StatisticDefinition } from "../statistic.js";
import { STATISTICS } from "../statistics.js";
import { LIBRARY } from "../version.js";
import {
  type Figure,
  type Provenance,
  REPORT_FORMAT,
  type Report,
  type ReportWindow,
  type Statistic,
  type Table,
} from "./model.js";

export interface ReportSource {
  readonly store: { readonly kind: string; readonly location: string };
  readonly lastPosition: number | null;
  readonly eventsReplayed: number;
  readonly journalHash: Provenance["journalHash"];
}

export interface ReportOptions {
  readonly window: ReportWindow;
  readonly disclosure: DisclosureMode;
  /** The programme's configuration: the report shows the labels and territory of its version in force at the window's end. */
  readonly configuration: ProgrammeConfiguration;
}

/** The version whose labels a report shows: the one in force at the window's end (or as-of), else the latest. */
export const labellingVersion = (
  configuration: ProgrammeConfiguration,
  window: ReportWindow,
): ConfigurationVersionInForce => {
  const end = window.to ?? window.asOf;
  const latest = configuration.versions[configuration.versions.length - 1];
  const first = configuration.versions[0];
  if (latest === undefined || first === undefined)
    throw new Error("a configuration has at least one version");
  return end === null ? latest : (configurationInForce(configuration, end.slice(0, 10)) ?? first);
};

/** The labels of a version that are the project's own reading, for the report's note. */
const ourReadingLabels = (version: ConfigurationVersionInForce) =>
  Object.entries(version.rules.labels).flatMap(([category, labels]) =>
    category === "results"
      ? (labels as { text: string; source: string }).source === "ourReading"
        ? [{ category, key: "results", text: (labels as { text: string }).text }]
        : []
      : Object.entries(labels as Record<string, { text: string; source: string }>)
          .filter(([, l]) => l.source === "ourReading")
          .map(([key, l]) => ({ category, key, text: l.text })),
  );

/** The report's title: the programme's name (from the configuration) and "I numeri". */
export const reportTitle = (programmeName: string): string => `${programmeName} — I numeri`;

const dayWindow = (window: ReportWindow): DayWindow => ({
  from: window.from === null ? null : dayCodeOf(window.from),
  to: window.to === null ? null : dayCodeOf(window.to),
});

// biome-ignore lint/suspicious/noExplicitAny: statistics of different state types
type AnyDefinition = StatisticDefinition<any>;

/** A statistic's published tables with what is derived from them (cumulative columns, shares). */
const finishTables = (definition: AnyDefinition, tables: Table[]): { tables: Table[]; figures: Figure[] } =>
  definition.finish?.(tables) ?? { tables, figures: [] };

/**
 * Reads one statistic's raw tables (no disclosure control) for a window, as a raw report shows them: for comparing
 * a statistic's values before and after an event without building the whole report.
 */
export const rawStatisticReader = (
  configuration: ProgrammeConfiguration,
  window: ReportWindow,
): ((definition: AnyDefinition, states: StatisticsStates) => Table[]) => {
  const view = reportView(labellingVersion(configuration, window).rules);
  const days = dayWindow(window);
  return (definition, states) =>
    finishTables(
      definition,
      definition
        .counts(states[definition.projection.name] ?? definition.projection.initialState(), days, view)
        .tables.map((t) => publishTable(t, { mode: "raw" }, undefined)),
    ).tables;
};

/** The report of every statistic for a window, from the projections' states; no clock is read. */
export const buildReport = (
  states: StatisticsStates,
  source: ReportSource,
  options: ReportOptions,
): Report => {
  const days = dayWindow(options.window);
  const labelledBy = labellingVersion(options.configuration, options.window);
  const view = reportView(labelledBy.rules);
  const counts = STATISTICS.map((definition) => ({
    id: definition.id,
    tables: definition.counts(
      states[definition.projection.name] ?? definition.projection.initialState(),
      days,
      view,
    ).tables,
  }));
  const masks =
    options.disclosure.mode === "published"
      ? suppressLinkedTables(counts, options.disclosure.minCell, linkedCells(view))
      : new Map<string, never>();
  const statistics: Statistic[] = STATISTICS.map((definition, i) => {
    const finished = finishTables(
      definition,
      (counts[i]?.tables ?? []).map((t) =>
        publishTable(t, options.disclosure, masks.get(maskKey(definition.id, t.key))),
      ),
    );
    return {
      id: definition.id,
      title: typeof definition.title === "string" ? definition.title : definition.title(view),
      description:
        typeof definition.description === "string" ? definition.description : definition.description(view),
      chart: definition.chart,
      tables: finished.tables,
      figures: finished.figures,
    };
  });
  const decided = (states[decidedUnderProjection.name] ??
    decidedUnderProjection.initialState()) as DecidedUnderState;
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
    title:
      options.disclosure.mode === "raw"
        ? `${reportTitle(labelledBy.rules.programme.name)} (RAW — USO INTERNO)`
        : reportTitle(labelledBy.rules.programme.name),
    provenance: {
      store: { kind: source.store.kind, location: source.store.location },
      lastPosition: source.lastPosition,
      eventsReplayed: source.eventsReplayed,
      journalHash: source.journalHash,
      library: { name: LIBRARY.name, version: LIBRARY.version },
      configuration: {
        labelledBy: labelledBy.ref,
        decidedUnder: decidedUnderList(decided).map((v) => ({ ...v })),
        unrecorded: decided.unrecorded,
        ourReading: ourReadingLabels(labelledBy),
      },
      window: options.window,
      disclosure,
    },
    statistics,
  };
};
