import { type EventData, NotInTargetReason } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";
import { categoryTable } from "./category-table.js";

export interface ScreeningOutcomesState {
  /** Per day of screening: in target, fragility conclamata, then one slot per reason for not in target. */
  days: DayBuckets;
}

const OUTCOME_LABELS = {
  in_target: "In target",
  fragility_conclamata: "Fragilità conclamata (servizi L.R. 14/2015)",
} as const;

const REASON = indexOf(NotInTargetReason.options);
const WIDTH = 2 + NotInTargetReason.options.length;
const OTHER_REASON = REASON.get("other") as number;

const countScreened = (state: ScreeningOutcomesState, event: RecordedEvent, sign: 1 | -1): void => {
  const data = event.data as EventData<"CandidateScreened">;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const i =
    data.outcome === "in_target"
      ? 0
      : data.outcome === "fragility_conclamata"
        ? 1
        : 2 +
          (data.notInTargetReason === null ? OTHER_REASON : (REASON.get(data.notInTargetReason) as number));
  slots[i] = (slots[i] as number) + sign;
};

const onScreened = (state: ScreeningOutcomesState, event: RecordedEvent): ScreeningOutcomesState => {
  countScreened(state, event, 1);
  return state;
};

export const screeningOutcomesProjection: Projection<ScreeningOutcomesState> = {
  name: "statistics.screeningOutcomes",
  version: 2,
  initialState: () => ({ days: {} }),
  handlers: {
    CandidateScreened: onScreened,
    FactCorrected: onCorrections({ CandidateScreened: retractThenCount(countScreened) }),
  },
};

export const screeningOutcomes: StatisticDefinition<ScreeningOutcomesState> = {
  id: "screeningOutcomes",
  title: "Persone in target",
  description:
    "Candidature valutate per esito della valutazione (profilo L.R. 14/2015), alla data della valutazione; il titolo è quello pubblicato, ma si contano le candidature: una persona che si ricandida ed è valutata di nuovo è contata di nuovo.",
  chart: "bar",
  projection: screeningOutcomesProjection,
  counts: (state, window, view) => ({
    tables: [
      categoryTable(
        {
          key: "byOutcome",
          title: "Esito della valutazione",
          unit: "people",
          rowHeader: "Esito",
          column: { key: "people", label: "Candidature" },
          labels: { ...OUTCOME_LABELS, ...rowsOf(NotInTargetReason.options, view.labels.notInTargetReason) },
        },
        sumDays(state.days, WIDTH, (d) => inWindow(window, d)),
      ),
    ],
  }),
};
