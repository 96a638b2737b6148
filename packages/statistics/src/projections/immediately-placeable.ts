import { AgeBand, EducationLevel, type EventData, Gender } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { percentCell } from "../disclosure/disclosure.js";
import { type FactsState, factsIn, KeyedFacts } from "../keyed-facts.js";
import { indexOf } from "../labels.js";
import type { Cell } from "../report/model.js";
import type { StatisticDefinition } from "../statistic.js";
import { profileTables } from "./category-table.js";

export interface ImmediatelyPlaceableState {
  /**
   * Profile of every candidate not screened out: ((education × 5 + age band) × 4 + gender) × 2 + in target.
   */
  pending: FactsState;
  /**
   * Per candidate in target who had an interview, where their last interview is counted: day × 2 + placeable.
   * A later interview (after a `no_show`) moves the candidate to its own day and outcome.
   */
  interviewed: FactsState;
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

const onApplied = (state: ImmediatelyPlaceableState, event: RecordedEvent): ImmediatelyPlaceableState => {
  const data = event.data as EventData<"CandidateApplied">;
  const p = data.profile;
  factsIn(state, "pending").set(
    data.candidateId,
    (((EDUCATION.get(p.educationLevel) as number) * AGES + (AGE.get(p.ageBand) as number)) * GENDERS +
      (GENDER.get(p.gender) as number)) *
      2,
  );
  return state;
};

const onScreened = (state: ImmediatelyPlaceableState, event: RecordedEvent): ImmediatelyPlaceableState => {
  const data = event.data as EventData<"CandidateScreened">;
  const pending = factsIn(state, "pending");
  const code = pending.get(data.candidateId);
  if (code === undefined) return state;
  if (data.outcome === "in_target") pending.set(data.candidateId, code - (code % 2) + 1);
  else pending.delete(data.candidateId);
  return state;
};

/** Adds (`sign` 1) or removes (`sign` -1) one interviewed person of profile `code` on `day`. */
const count = (
  state: ImmediatelyPlaceableState,
  code: number,
  day: number,
  placeable: boolean,
  sign: number,
): void => {
  const slots = bucket(state.days, day, WIDTH);
  slots[0] = (slots[0] as number) + sign;
  if (!placeable) return;
  const profile = (code - 1) / 2;
  const g = profile % GENDERS;
  const a = Math.floor(profile / GENDERS) % AGES;
  const e = Math.floor(profile / GENDERS / AGES);
  slots[1] = (slots[1] as number) + sign;
  slots[EDUCATION_AT + e] = (slots[EDUCATION_AT + e] as number) + sign;
  slots[AGE_AT + a] = (slots[AGE_AT + a] as number) + sign;
  slots[GENDER_AT + g] = (slots[GENDER_AT + g] as number) + sign;
};

const onInterview = (state: ImmediatelyPlaceableState, event: RecordedEvent): ImmediatelyPlaceableState => {
  const data = event.data as EventData<"FirstInterviewHeld">;
  const code = factsIn(state, "pending").get(data.candidateId);
  if (code === undefined || code % 2 === 0) return state;
  const interviewed = factsIn(state, "interviewed");
  const previous = interviewed.get(data.candidateId);
  if (previous !== undefined) count(state, code, Math.floor(previous / 2), previous % 2 === 1, -1);
  const day = dayCodeOf(data.heldOn);
  const placeable = data.outcome === "immediately_placeable";
  count(state, code, day, placeable, 1);
  interviewed.set(data.candidateId, day * 2 + (placeable ? 1 : 0));
  return state;
};

export const immediatelyPlaceableProjection: Projection<ImmediatelyPlaceableState> = {
  name: "statistics.immediatelyPlaceable",
  version: 2,
  initialState: () => ({ pending: new KeyedFacts(), interviewed: new KeyedFacts(), days: {} }),
  handlers: { CandidateApplied: onApplied, CandidateScreened: onScreened, FirstInterviewHeld: onInterview },
};

const column = { key: "people", label: "Persone" };

export const immediatelyPlaceable: StatisticDefinition<ImmediatelyPlaceableState> = {
  id: "immediatelyPlaceable",
  title: "Persone del target immediatamente candidabili",
  description:
    "Tra le persone in target il cui ultimo colloquio (dopo un'eventuale assenza) è caduto nel periodo, quelle valutate immediatamente candidabili (pronte per l'inserimento), la quota e il loro profilo.",
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
          title: "Persone in target dopo il primo colloquio",
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
          label: "Quota di persone in target immediatamente candidabili",
          unit: "percent",
          value: percentCell(placeable, total),
        },
      ],
    };
  },
};
