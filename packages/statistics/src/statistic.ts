import type { Projection } from "@insieme/kernel";
import type { DayWindow } from "./day-code.js";
import type { CountTable } from "./disclosure/disclosure.js";
import type { ReportView } from "./labels.js";
import type { Figure, StatisticId, Table } from "./report/model.js";

/** What a statistic says for a window before disclosure control: its count tables. */
export interface StatisticCounts {
  readonly tables: readonly CountTable[];
}

/**
 * One statistic of "4. I numeri": the projection that accumulates it and how its state reads for a window.
 * `finish` adds what is derived from the published tables (cumulative columns, shares) so that derived values
 * never reveal a suppressed count.
 */
export interface StatisticDefinition<S> {
  readonly id: StatisticId;
  /** The title and description, or a function of the configuration's view where they name the territory. */
  readonly title: string | ((view: ReportView) => string);
  readonly description: string | ((view: ReportView) => string);
  readonly chart: "line" | "bar" | "rankedBar";
  readonly projection: Projection<S>;
  /** The counts for a window, labelled with the view of the configuration the report is read under. */
  readonly counts: (state: S, window: DayWindow, view: ReportView) => StatisticCounts;
  readonly finish?: (tables: Table[]) => { readonly tables: Table[]; readonly figures: Figure[] };
}
