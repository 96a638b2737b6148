import { type EventData, InterviewOutcome } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { type CorrectedFact, onCorrections } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import {
  type FactsState,
  factsIn,
  KeyedFacts,
  KeyedLists,
  type ListsState,
  listsIn,
  setAtRevision,
} from "../keyed-facts.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

export interface FirstInterviewOutcomesState {
  /** Application day of every candidate. */
  cohort: FactsState;
  /**
   * Per candidate, the facts that place them in a row, as (revision, slot) pairs in stream order: a screening out
   * of target, each interview (a `no_show` may be followed by another), a withdrawal before the first interview.
   * The candidate is counted in the slot of the last one (as corrected); absent or empty while awaiting the first
   * interview. A corrected or voided fact changes its pair, and the candidate moves to the new last one.
   */
  facts: ListsState;
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

/** The row a fact places its candidate in, or null (a screening in target places nobody). */
const slotOf = (event: RecordedEvent): number | null => {
  switch (event.type) {
    case "CandidateScreened":
      return (event.data as EventData<"CandidateScreened">).outcome === "in_target" ? null : SCREENED_OUT;
    case "FirstInterviewHeld":
      return 1 + (OUTCOME.get((event.data as EventData<"FirstInterviewHeld">).outcome) as number);
    case "CandidateWithdrew":
      return WITHDREW_BEFORE;
    default:
      return null;
  }
};

const lastSlot = (list: readonly number[] | undefined): number | undefined =>
  list === undefined || list.length === 0 ? undefined : list[list.length - 1];

/** Sets the slot of the candidate's fact at `revision` (null: no slot), moving the candidate to their last fact's row. */
const place = (
  state: FirstInterviewOutcomesState,
  candidateId: string,
  revision: number,
  slot: number | null,
): void => {
  const day = factsIn(state, "cohort").get(candidateId);
  if (day === undefined) return;
  const facts = listsIn(state, "facts");
  const list = facts.get(candidateId);
  const before = lastSlot(list);
  if (list === undefined) {
    if (slot === null) return;
    facts.set(candidateId, [revision, slot]);
  } else setAtRevision(list, revision, slot);
  const after = lastSlot(facts.get(candidateId));
  if (before === after) return;
  const slots = bucket(state.days, day, WIDTH);
  if (before !== undefined) slots[before] = (slots[before] as number) - 1;
  if (after !== undefined) slots[after] = (slots[after] as number) + 1;
};

const onFact = (state: FirstInterviewOutcomesState, event: RecordedEvent): FirstInterviewOutcomesState => {
  place(state, (event.data as { readonly candidateId: string }).candidateId, event.revision, slotOf(event));
  return state;
};

/** A corrected screening, interview or withdrawal: its pair takes the corrected row, or goes when voided. */
const onFactCorrected = (
  state: FirstInterviewOutcomesState,
  fact: CorrectedFact,
): FirstInterviewOutcomesState => {
  const event = fact.after ?? fact.before;
  if (event === null) return state;
  const candidateId = (event.data as { readonly candidateId: string }).candidateId;
  place(state, candidateId, fact.revision, fact.after === null ? null : slotOf(fact.after));
  return state;
};

export const firstInterviewOutcomesProjection: Projection<FirstInterviewOutcomesState> = {
  name: "statistics.firstInterviewOutcomes",
  version: 4,
  initialState: () => ({ cohort: new KeyedFacts(), facts: new KeyedLists(), days: {} }),
  handlers: {
    CandidateApplied: onApplied,
    CandidateScreened: onFact,
    FirstInterviewHeld: onFact,
    CandidateWithdrew: onFact,
    // An application's amendment changes no cohort day (its date is not amended).
    FactCorrected: onCorrections({
      CandidateScreened: onFactCorrected,
      FirstInterviewHeld: onFactCorrected,
      CandidateWithdrew: onFactCorrected,
    }),
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
