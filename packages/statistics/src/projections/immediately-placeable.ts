import { AgeBand, EducationLevel, type EventData, Gender } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { type CorrectedFact, onCorrections } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { percentCell } from "../disclosure/disclosure.js";
import {
  type FactsState,
  factsIn,
  KeyedFacts,
  KeyedLists,
  type ListsState,
  listsIn,
  setAtRevision,
} from "../keyed-facts.js";
import { indexOf } from "../labels.js";
import type { Cell } from "../report/model.js";
import type { StatisticDefinition } from "../statistic.js";
import { profileTables } from "./category-table.js";

export interface ImmediatelyPlaceableState {
  /**
   * Profile of every candidate (as corrected): ((education × 5 + age band) × 4 + gender) × 2 + in target.
   */
  pending: FactsState;
  /**
   * Per candidate in target who had an interview, their interviews as (revision, day × 2 + placeable) pairs in
   * stream order: the last one (as corrected) is counted, on its own day. A later interview (after a `no_show`)
   * moves the candidate to its day and outcome; voiding it brings back the one before.
   */
  interviewed: ListsState;
  /** Per day of the last interview, people in target: interviewed, placeable, then the placeable's education, age, gender. */
  days: DayBuckets;
}

const EDUCATION = indexOf(EducationLevel.options);
const AGE = indexOf(AgeBand.options);
const GENDER = indexOf(Gender.options);
const AGES = AgeBand.options.length;
const GENDERS = Gender.options.length;
const EDUCATION_AT = 2;
const AGE_AT = EDUCATION_AT + EducationLevel.options.length;
const GENDER_AT = AGE_AT + AGES;
const WIDTH = GENDER_AT + GENDERS;

const profileCode = (event: RecordedEvent): number => {
  const p = (event.data as EventData<"CandidateApplied">).profile;
  return (
    (((EDUCATION.get(p.educationLevel) as number) * AGES + (AGE.get(p.ageBand) as number)) * GENDERS +
      (GENDER.get(p.gender) as number)) *
    2
  );
};

const onApplied = (state: ImmediatelyPlaceableState, event: RecordedEvent): ImmediatelyPlaceableState => {
  factsIn(state, "pending").set(
    (event.data as EventData<"CandidateApplied">).candidateId,
    profileCode(event),
  );
  return state;
};

const inTargetOf = (event: RecordedEvent | null): boolean =>
  event !== null && (event.data as EventData<"CandidateScreened">).outcome === "in_target";

const setInTarget = (state: ImmediatelyPlaceableState, candidateId: string, inTarget: boolean): void => {
  const pending = factsIn(state, "pending");
  const code = pending.get(candidateId);
  if (code !== undefined) pending.set(candidateId, code - (code % 2) + (inTarget ? 1 : 0));
};

const onScreened = (state: ImmediatelyPlaceableState, event: RecordedEvent): ImmediatelyPlaceableState => {
  setInTarget(state, (event.data as EventData<"CandidateScreened">).candidateId, inTargetOf(event));
  return state;
};

/** Adds (`sign` 1) or removes (`sign` -1) one interviewed person of profile `code`, counted as `interview`. */
const count = (state: ImmediatelyPlaceableState, code: number, interview: number, sign: number): void => {
  const slots = bucket(state.days, Math.floor(interview / 2), WIDTH);
  slots[0] = (slots[0] as number) + sign;
  if (interview % 2 === 0) return;
  const profile = (code - (code % 2)) / 2;
  const g = profile % GENDERS;
  const a = Math.floor(profile / GENDERS) % AGES;
  const e = Math.floor(profile / GENDERS / AGES);
  slots[1] = (slots[1] as number) + sign;
  slots[EDUCATION_AT + e] = (slots[EDUCATION_AT + e] as number) + sign;
  slots[AGE_AT + a] = (slots[AGE_AT + a] as number) + sign;
  slots[GENDER_AT + g] = (slots[GENDER_AT + g] as number) + sign;
};

const lastOf = (list: readonly number[] | undefined): number | undefined =>
  list === undefined || list.length === 0 ? undefined : list[list.length - 1];

/**
 * Changes what is known of a candidate (`change`: their interviews or profile), taking their counted interview off
 * as it stood and counting it as it stands after.
 */
const recount = (state: ImmediatelyPlaceableState, candidateId: string, change: () => void): void => {
  const pending = factsIn(state, "pending");
  const interviewed = listsIn(state, "interviewed");
  const codeBefore = pending.get(candidateId);
  const before = lastOf(interviewed.get(candidateId));
  change();
  const codeAfter = pending.get(candidateId);
  const after = lastOf(interviewed.get(candidateId));
  if (before === after && codeBefore === codeAfter) return;
  if (before !== undefined && codeBefore !== undefined) count(state, codeBefore, before, -1);
  if (after !== undefined && codeAfter !== undefined) count(state, codeAfter, after, 1);
};

const interviewCode = (event: RecordedEvent): number => {
  const data = event.data as EventData<"FirstInterviewHeld">;
  return dayCodeOf(data.heldOn) * 2 + (data.outcome === "immediately_placeable" ? 1 : 0);
};

const onInterview = (state: ImmediatelyPlaceableState, event: RecordedEvent): ImmediatelyPlaceableState => {
  const candidateId = (event.data as EventData<"FirstInterviewHeld">).candidateId;
  const code = factsIn(state, "pending").get(candidateId);
  if (code === undefined || code % 2 === 0) return state;
  recount(state, candidateId, () => {
    const interviewed = listsIn(state, "interviewed");
    const list = interviewed.get(candidateId);
    if (list === undefined) interviewed.set(candidateId, [event.revision, interviewCode(event)]);
    else setAtRevision(list, event.revision, interviewCode(event));
  });
  return state;
};

/** An interview corrected: its pair takes the corrected outcome, or goes when voided (the one before counts again). */
const onInterviewCorrected = (
  state: ImmediatelyPlaceableState,
  fact: CorrectedFact,
): ImmediatelyPlaceableState => {
  const event = fact.after ?? fact.before;
  if (event === null) return state;
  const candidateId = (event.data as EventData<"FirstInterviewHeld">).candidateId;
  const list = listsIn(state, "interviewed").get(candidateId);
  if (list === undefined) return state;
  recount(state, candidateId, () => {
    setAtRevision(list, fact.revision, fact.after === null ? null : interviewCode(fact.after));
  });
  return state;
};

/** An application corrected: a placeable person's profile moves to the corrected education, age band or gender. */
const onApplicationCorrected = (
  state: ImmediatelyPlaceableState,
  fact: CorrectedFact,
): ImmediatelyPlaceableState => {
  if (fact.after === null) return state;
  const after = fact.after;
  const candidateId = (after.data as EventData<"CandidateApplied">).candidateId;
  const pending = factsIn(state, "pending");
  const code = pending.get(candidateId);
  if (code === undefined) return state;
  recount(state, candidateId, () => pending.set(candidateId, profileCode(after) + (code % 2)));
  return state;
};

/** A screening corrected or voided: whether the candidate is in target (their later interviews count). */
const onScreeningCorrected = (
  state: ImmediatelyPlaceableState,
  fact: CorrectedFact,
): ImmediatelyPlaceableState => {
  const event = fact.after ?? fact.before;
  if (event === null) return state;
  setInTarget(state, (event.data as EventData<"CandidateScreened">).candidateId, inTargetOf(fact.after));
  return state;
};

export const immediatelyPlaceableProjection: Projection<ImmediatelyPlaceableState> = {
  name: "statistics.immediatelyPlaceable",
  version: 3,
  initialState: () => ({ pending: new KeyedFacts(), interviewed: new KeyedLists(), days: {} }),
  handlers: {
    CandidateApplied: onApplied,
    CandidateScreened: onScreened,
    FirstInterviewHeld: onInterview,
    FactCorrected: onCorrections({
      CandidateApplied: onApplicationCorrected,
      CandidateScreened: onScreeningCorrected,
      FirstInterviewHeld: onInterviewCorrected,
    }),
  },
};

const column = { key: "people", label: "Candidature" };

export const immediatelyPlaceable: StatisticDefinition<ImmediatelyPlaceableState> = {
  id: "immediatelyPlaceable",
  title: "Persone del target immediatamente candidabili",
  description:
    "Tra le candidature in target il cui ultimo colloquio (dopo un'eventuale assenza) è caduto nel periodo, quelle valutate immediatamente candidabili (pronte per l'inserimento), la quota e il loro profilo; il titolo è quello pubblicato, ma si contano le candidature: una persona che si ricandida ed è valutata di nuovo è contata di nuovo.",
  chart: "bar",
  projection: immediatelyPlaceableProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    const interviewed = slots[0] ?? 0;
    const placeable = slots[1] ?? 0;
    return {
      tables: [
        {
          key: "share",
          title: "Candidature in target dopo il primo colloquio",
          unit: "people",
          disclosureRule: "person-level",
          rowHeader: "Valutazione",
          columns: [column],
          rows: [
            { key: "immediately_placeable", label: "Immediatamente candidabili", counts: [placeable] },
            { key: "other_outcomes", label: "Altri esiti del colloquio", counts: [interviewed - placeable] },
          ],
        },
        ...profileTables(
          slots,
          column,
          { education: EDUCATION_AT, ageBand: AGE_AT, gender: GENDER_AT },
          view,
        ),
      ],
    };
  },
  finish: (tables) => {
    const share = tables[0];
    const placeable: Cell = share?.rows[0]?.cells[0] ?? 0;
    const total: Cell = share?.totals?.cells[0] ?? 0;
    return {
      tables,
      figures: [
        {
          key: "immediatelyPlaceableShare",
          label: "Quota delle candidature in target immediatamente candidabili",
          unit: "percent",
          value: percentCell(placeable, total),
        },
      ],
    };
  },
};
