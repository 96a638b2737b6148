import type { Projection, RecordedEvent } from "@insieme/kernel";
import { onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, type DayWindow, dayCodeOf, inWindow, monthOf } from "../day-code.js";
import { MONTH_LABELS } from "../labels.js";
import { type Cell, isSuppressed, SUPPRESSED, type Table } from "../report/model.js";
import type { StatisticDefinition } from "../statistic.js";

export interface ApplicationsTrendState {
  /** Applications per day of application. */
  days: DayBuckets;
}

const countApplied = (state: ApplicationsTrendState, event: RecordedEvent, sign: 1 | -1): void => {
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), 1);
  slots[0] = (slots[0] as number) + sign;
};

const onApplied = (state: ApplicationsTrendState, event: RecordedEvent): ApplicationsTrendState => {
  countApplied(state, event, 1);
  return state;
};

export const applicationsTrendProjection: Projection<ApplicationsTrendState> = {
  name: "statistics.applicationsTrend",
  version: 2,
  initialState: () => ({ days: {} }),
  handlers: {
    CandidateApplied: onApplied,
    FactCorrected: onCorrections({ CandidateApplied: retractThenCount(countApplied) }),
  },
};

const monthLabel = (month: number): string =>
  `${MONTH_LABELS[(month % 100) - 1] ?? "?"} ${Math.floor(month / 100)}`;

const nextMonth = (month: number): number => (month % 100 === 12 ? month + 89 : month + 1);

/** Months from the window's first to its last (or those of the data, where the window is open), zero-filled. */
const monthsOf = (state: ApplicationsTrendState, window: DayWindow): Map<number, number> => {
  const perMonth = new Map<number, number>();
  for (const key of Object.keys(state.days)) {
    const day = Number(key);
    if (!inWindow(window, day)) continue;
    const m = monthOf(day);
    perMonth.set(m, (perMonth.get(m) ?? 0) + ((state.days[key] as number[])[0] ?? 0));
  }
  const known = [...perMonth.keys()];
  const first = window.from !== null ? monthOf(window.from) : known.length > 0 ? Math.min(...known) : null;
  const last = window.to !== null ? monthOf(window.to) : known.length > 0 ? Math.max(...known) : null;
  const months = new Map<number, number>();
  if (first === null || last === null) return months;
  for (let m = first; m <= last; m = nextMonth(m)) months.set(m, perMonth.get(m) ?? 0);
  return months;
};

/**
 * The cumulative count is published up to the month before the first withheld month: later running totals would
 * give a withheld month's count by difference with the published months around it.
 */
const withCumulative = (table: Table): Table => {
  let running = 0;
  let hidden = false;
  const rows = table.rows.map((row) => {
    const count = row.cells[0] as Cell;
    if (isSuppressed(count)) hidden = true;
    else running += count;
    return { ...row, cells: [count, hidden ? SUPPRESSED : running] };
  });
  const totals = table.totals;
  const totalCell = totals?.cells[0] ?? SUPPRESSED;
  return {
    ...table,
    columns: [...table.columns, { key: "cumulative", label: "Cumulato", kind: "derived" }],
    rows,
    totals: totals === null ? null : { ...totals, cells: [totalCell, hidden ? SUPPRESSED : totalCell] },
  };
};

export const applicationsTrend: StatisticDefinition<ApplicationsTrendState> = {
  id: "applicationsTrend",
  title: "Il trend delle candidature",
  description: "Candidature per mese di presentazione (data dell'evento) e cumulato nel periodo.",
  chart: "line",
  projection: applicationsTrendProjection,
  counts: (state, window) => ({
    tables: [
      {
        key: "byMonth",
        title: "Candidature per mese",
        unit: "applications",
        disclosureRule: "person-level",
        rowHeader: "Mese",
        columns: [{ key: "applications", label: "Candidature" }],
        rows: [...monthsOf(state, window)].map(([m, n]) => ({
          key: `${Math.floor(m / 100)}-${String(m % 100).padStart(2, "0")}`,
          label: monthLabel(m),
          counts: [n],
        })),
      },
    ],
  }),
  finish: (tables) => ({ tables: tables.map(withCumulative), figures: [] }),
};
