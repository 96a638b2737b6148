import { type EventData, SocialServicesResult } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";
import { categoryTable } from "./category-table.js";

export interface SocialServicesCheckState {
  /** Per day of the cross-check: known, unknown. */
  days: DayBuckets;
}

const countChecked = (state: SocialServicesCheckState, event: RecordedEvent, sign: 1 | -1): void => {
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), 2);
  const i = (event.data as EventData<"SocialServicesCrossChecked">).result === "known" ? 0 : 1;
  slots[i] = (slots[i] as number) + sign;
};

const onChecked = (state: SocialServicesCheckState, event: RecordedEvent): SocialServicesCheckState => {
  countChecked(state, event, 1);
  return state;
};

export const socialServicesCheckProjection: Projection<SocialServicesCheckState> = {
  name: "statistics.socialServicesCheck",
  version: 2,
  initialState: () => ({ days: {} }),
  handlers: {
    SocialServicesCrossChecked: onChecked,
    FactCorrected: onCorrections({ SocialServicesCrossChecked: retractThenCount(countChecked) }),
  },
};

export const socialServicesCheck: StatisticDefinition<SocialServicesCheckState> = {
  id: "socialServicesCheck",
  title: (view) => `Esito del confronto con i Servizi Sociali di ${view.crossCheckNames}`,
  description: (view) =>
    `Candidature in target di residenti a ${view.crossCheckNames} per esito del confronto con i Servizi Sociali, alla data del confronto; ogni confronto di una candidatura conta una volta (una persona che si ricandida ed è confrontata di nuovo è contata di nuovo).`,
  chart: "bar",
  projection: socialServicesCheckProjection,
  counts: (state, window, view) => ({
    tables: [
      categoryTable(
        {
          key: "byResult",
          title: "Esito del confronto",
          unit: "people",
          rowHeader: "Esito",
          column: { key: "people", label: "Candidature" },
          labels: rowsOf(SocialServicesResult.options, view.labels.socialServicesResult),
        },
        sumDays(state.days, 2, (d) => inWindow(window, d)),
      ),
    ],
  }),
};
