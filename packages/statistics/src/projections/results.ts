import { ContractType, type EventData, PlacementOrder } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

export interface ResultsState {
  /** Per day: internships started, people who reached autonomy, then hirings by contract × placement order. */
  days: DayBuckets;
}

const CONTRACT = indexOf(ContractType.options);
const ORDER = indexOf(PlacementOrder.options);
const ORDERS = PlacementOrder.options.length;
const HIRES_AT = 2;
const WIDTH = HIRES_AT + ContractType.options.length * ORDERS;

const onInternship = (state: ResultsState, event: RecordedEvent): ResultsState => {
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  slots[0] = (slots[0] as number) + 1;
  return state;
};

const onClosed = (state: ResultsState, event: RecordedEvent): ResultsState => {
  if ((event.data as EventData<"CaseClosed">).reason !== "autonomy") return state;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  slots[1] = (slots[1] as number) + 1;
  return state;
};

/** A re-opened case's autonomy no longer stands: its closing stops counting (the case's next closing counts). */
const onReopened = (state: ResultsState, event: RecordedEvent): ResultsState => {
  const data = event.data as EventData<"CaseReopened">;
  if (data.closedReason !== "autonomy") return state;
  const slots = bucket(state.days, dayCodeOf(data.closedOn), WIDTH);
  slots[1] = (slots[1] as number) - 1;
  return state;
};

const onHired = (state: ResultsState, event: RecordedEvent): ResultsState => {
  const data = event.data as EventData<"CandidateHired">;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const i =
    HIRES_AT +
    (CONTRACT.get(data.contractType) as number) * ORDERS +
    (ORDER.get(data.placementOrder) as number);
  slots[i] = (slots[i] as number) + 1;
  return state;
};

export const resultsProjection: Projection<ResultsState> = {
  name: "statistics.results",
  version: 2,
  initialState: () => ({ days: {} }),
  handlers: {
    InternshipStarted: onInternship,
    CaseClosed: onClosed,
    CaseReopened: onReopened,
    CandidateHired: onHired,
  },
};

export const results: StatisticDefinition<ResultsState> = {
  id: "results",
  title: "Primi risultati",
  description:
    "Tirocini avviati, assunzioni per tipo di contratto e primo inserimento o successivo, persone che hanno raggiunto l'autonomia, alla data dell'evento.",
  chart: "bar",
  projection: resultsProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    return {
      tables: [
        {
          key: "hirings",
          title: "Assunzioni per tipo di contratto",
          unit: "people",
          disclosureRule: "person-level",
          rowHeader: "Contratto",
          columns: Object.entries(rowsOf(PlacementOrder.options, view.labels.placementOrder)).map(
            ([key, label]) => ({ key, label }),
          ),
          rows: Object.entries(rowsOf(ContractType.options, view.labels.contractType)).map(
            ([key, label], c) => ({
              key,
              label,
              counts: Array.from({ length: ORDERS }, (_, o) => slots[HIRES_AT + c * ORDERS + o] ?? 0),
            }),
          ),
        },
        {
          key: "paths",
          title: "Tirocini e autonomia",
          unit: "people",
          disclosureRule: "person-level",
          rowHeader: "Risultato",
          columns: [{ key: "people", label: "Persone" }],
          columnTotals: false,
          rows: [
            { key: "internshipsStarted", label: "Tirocini avviati", counts: [slots[0] ?? 0] },
            {
              key: "autonomyReached",
              label: "Persone che hanno raggiunto l'autonomia",
              counts: [slots[1] ?? 0],
            },
          ],
        },
      ],
    };
  },
};
