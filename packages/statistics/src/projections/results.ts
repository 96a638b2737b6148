import { ContractType, type EventData, PlacementOrder } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { type CorrectedFact, onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { type FactsState, factsIn, KeyedFacts } from "../keyed-facts.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

export interface ResultsState {
  /** Per day: internships started, people who reached autonomy, then hirings by contract × placement order. */
  days: DayBuckets;
  /**
   * Per candidate, their last closing as it stands (see `closingCode`): its revision in the candidate's stream, its
   * day, whether its reason is autonomy (as corrected; not when voided) and whether the case was re-opened since.
   */
  closings: FactsState;
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

/** A candidate's last closing: revision, day, autonomy (0/1), re-opened (0/1), in one safe integer. */
interface Closing {
  readonly revision: number;
  readonly day: number;
  readonly autonomy: boolean;
  readonly reopened: boolean;
}
const DAY_SPAN = 100_000_000; // day codes are yyyymmdd
const closingCode = (c: Closing): number =>
  ((c.revision * DAY_SPAN + c.day) * 2 + (c.autonomy ? 1 : 0)) * 2 + (c.reopened ? 1 : 0);
const closingOf = (code: number): Closing => {
  const reopened = code % 2 === 1;
  const autonomy = Math.floor(code / 2) % 2 === 1;
  const rest = Math.floor(code / 4);
  return { revision: Math.floor(rest / DAY_SPAN), day: rest % DAY_SPAN, autonomy, reopened };
};

/** "Candidature chiuse per autonomia raggiunta": a closing counts while its reason is autonomy and it is not undone. */
const countAutonomy = (state: ResultsState, c: Closing, sign: 1 | -1): void => {
  if (!c.autonomy || c.reopened) return;
  const slots = bucket(state.days, c.day, WIDTH);
  slots[1] = (slots[1] as number) + sign;
};

const onClosed = (state: ResultsState, event: RecordedEvent): ResultsState => {
  const data = event.data as EventData<"CaseClosed">;
  const closing: Closing = {
    revision: event.revision,
    day: dayCodeOf(event.occurredAt),
    autonomy: data.reason === "autonomy",
    reopened: false,
  };
  factsIn(state, "closings").set(data.candidateId, closingCode(closing));
  countAutonomy(state, closing, 1);
  return state;
};

/**
 * A re-opened case's autonomy no longer stands: its closing stops counting (the case's next closing counts). The
 * closing is taken off as it stands now, whatever reason it was recorded with.
 */
const onReopened = (state: ResultsState, event: RecordedEvent): ResultsState => {
  const candidateId = (event.data as EventData<"CaseReopened">).candidateId;
  const closings = factsIn(state, "closings");
  const code = closings.get(candidateId);
  if (code === undefined) return state;
  const closing = closingOf(code);
  if (closing.reopened) return state;
  countAutonomy(state, closing, -1);
  closings.set(candidateId, closingCode({ ...closing, reopened: true }));
  return state;
};

/**
 * A corrected closing: when it is the candidate's last one, taken off as it stood and counted as corrected (a
 * voided closing no longer counts; re-opened or not, the case's state says whether it still could). An earlier
 * closing was re-opened before the last one was recorded: it counts nothing either way.
 */
const onClosingCorrected = (state: ResultsState, fact: CorrectedFact): ResultsState => {
  const event = fact.before ?? fact.after;
  if (event === null) return state;
  const candidateId = (event.data as EventData<"CaseClosed">).candidateId;
  const closings = factsIn(state, "closings");
  const code = closings.get(candidateId);
  if (code === undefined) return state;
  const closing = closingOf(code);
  if (closing.revision !== fact.revision) return state;
  const corrected: Closing = {
    ...closing,
    autonomy: fact.after !== null && (fact.after.data as EventData<"CaseClosed">).reason === "autonomy",
  };
  countAutonomy(state, closing, -1);
  countAutonomy(state, corrected, 1);
  closings.set(candidateId, closingCode(corrected));
  return state;
};

const countHired = (state: ResultsState, event: RecordedEvent, sign: 1 | -1): void => {
  const data = event.data as EventData<"CandidateHired">;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const i =
    HIRES_AT +
    (CONTRACT.get(data.contractType) as number) * ORDERS +
    (ORDER.get(data.placementOrder) as number);
  slots[i] = (slots[i] as number) + sign;
};

const onHired = (state: ResultsState, event: RecordedEvent): ResultsState => {
  countHired(state, event, 1);
  return state;
};

export const resultsProjection: Projection<ResultsState> = {
  name: "statistics.results",
  version: 3,
  initialState: () => ({ days: {}, closings: new KeyedFacts() }),
  handlers: {
    InternshipStarted: onInternship,
    CaseClosed: onClosed,
    CaseReopened: onReopened,
    CandidateHired: onHired,
    // Internship starts are not corrected (their fund commitment follows them).
    FactCorrected: onCorrections({
      CaseClosed: onClosingCorrected,
      CandidateHired: retractThenCount(countHired),
    }),
  },
};

export const results: StatisticDefinition<ResultsState> = {
  id: "results",
  title: "Primi risultati",
  description:
    "Tirocini avviati, assunzioni per tipo di contratto e primo inserimento della persona o successivo (anche in una candidatura precedente), candidature chiuse per autonomia raggiunta, alla data dell'evento; una persona assunta due volte conta due assunzioni.",
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
          columns: [{ key: "people", label: "Numero" }],
          columnTotals: false,
          rows: [
            { key: "internshipsStarted", label: "Tirocini avviati", counts: [slots[0] ?? 0] },
            {
              key: "autonomyReached",
              label: "Candidature chiuse per autonomia raggiunta",
              counts: [slots[1] ?? 0],
            },
          ],
        },
      ],
    };
  },
};
