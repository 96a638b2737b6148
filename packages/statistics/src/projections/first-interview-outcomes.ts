import { type EventData, InterviewOutcome } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { type FactsState, factsIn, KeyedFacts } from "../keyed-facts.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

export interface FirstInterviewOutcomesState {
  /** Application day of every candidate. */
  cohort: FactsState;
  /**
   * The slot a candidate is counted in: the outcome of their last interview (a `no_show` may be followed by
   * another interview, which then replaces it) or screened out; absent while awaiting the first interview.
   */
  outcome: FactsState;
  /** Per day of application: applications, one slot per interview outcome, screened out, withdrew before. */
  days: DayBuckets;
}

const OUTCOME = indexOf(InterviewOutcome.options);
const OUTCOMES = InterviewOutcome.options.length;
const SCREENED_OUT = 1 + OUTCOMES;
const WITHDREW_BEFORE = SCREENED_OUT + 1;
const WIDTH = WITHDREW_BEFORE + 1;

const onApplied = (state: FirstInterviewOutcomesState, event: RecordedEvent): FirstInterviewOutcomesState => {
  const day = dayCodeOf(event.occurredAt);
  factsIn(state, "cohort").set((event.data as EventData<"CandidateApplied">).candidateId, day);
  const slots = bucket(state.days, day, WIDTH);
  slots[0] = (slots[0] as number) + 1;
  return state;
};

/** Counts the candidate in `slot`, moving them out of the slot they were counted in before, if any. */
const countIn = (state: FirstInterviewOutcomesState, candidateId: string, slot: number): void => {
  const day = factsIn(state, "cohort").get(candidateId);
  if (day === undefined) return;
  const outcome = factsIn(state, "outcome");
  const previous = outcome.get(candidateId);
  const slots = bucket(state.days, day, WIDTH);
  if (previous !== undefined) slots[previous] = (slots[previous] as number) - 1;
  outcome.set(candidateId, slot);
  slots[slot] = (slots[slot] as number) + 1;
};

const onScreened = (
  state: FirstInterviewOutcomesState,
  event: RecordedEvent,
): FirstInterviewOutcomesState => {
  const data = event.data as EventData<"CandidateScreened">;
  if (data.outcome !== "in_target") countIn(state, data.candidateId, SCREENED_OUT);
  return state;
};

const onInterview = (
  state: FirstInterviewOutcomesState,
  event: RecordedEvent,
): FirstInterviewOutcomesState => {
  const data = event.data as EventData<"FirstInterviewHeld">;
  countIn(state, data.candidateId, 1 + (OUTCOME.get(data.outcome) as number));
  return state;
};

const onWithdrew = (
  state: FirstInterviewOutcomesState,
  event: RecordedEvent,
): FirstInterviewOutcomesState => {
  countIn(state, (event.data as EventData<"CandidateWithdrew">).candidateId, WITHDREW_BEFORE);
  return state;
};

export const firstInterviewOutcomesProjection: Projection<FirstInterviewOutcomesState> = {
  name: "statistics.firstInterviewOutcomes",
  version: 3,
  initialState: () => ({ cohort: new KeyedFacts(), outcome: new KeyedFacts(), days: {} }),
  handlers: {
    CandidateApplied: onApplied,
    CandidateScreened: onScreened,
    FirstInterviewHeld: onInterview,
    CandidateWithdrew: onWithdrew,
  },
};

const SCREENED_OUT_LABEL = "Non in target o fragilità conclamata";
const AWAITING_LABEL = "In attesa del primo colloquio";
const WITHDREW_BEFORE_LABEL = "Ritirati prima del primo colloquio (nostra lettura)";

export const firstInterviewOutcomes: StatisticDefinition<FirstInterviewOutcomesState> = {
  id: "firstInterviewOutcomes",
  title: "Dopo il primo colloquio",
  description:
    "Le candidature presentate nel periodo (coorte per data della candidatura) secondo l'esito dell'ultimo colloquio (un colloquio a cui la persona non si è presentata può essere seguito da un altro), registrato fino alla data del report.",
  chart: "bar",
  projection: firstInterviewOutcomesProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    const applications = slots[0] ?? 0;
    const closed = slots.slice(1).reduce((a, b) => a + b, 0);
    return {
      tables: [
        {
          key: "cohort",
          title: "Esito del primo colloquio per le candidature del periodo",
          unit: "applications",
          disclosureRule: "person-level",
          rowHeader: "Esito",
          columns: [{ key: "applications", label: "Candidature" }],
          rows: [
            ...Object.entries(rowsOf(InterviewOutcome.options, view.labels.interviewOutcome)).map(
              ([key, label], i) => ({
                key,
                label,
                counts: [slots[1 + i] ?? 0],
              }),
            ),
            {
              key: "screened_out",
              label: SCREENED_OUT_LABEL,
              counts: [slots[SCREENED_OUT] ?? 0],
            },
            {
              key: "withdrawn_before_interview",
              label: WITHDREW_BEFORE_LABEL,
              counts: [slots[WITHDREW_BEFORE] ?? 0],
            },
            { key: "awaiting", label: AWAITING_LABEL, counts: [applications - closed] },
          ],
        },
      ],
    };
  },
};
