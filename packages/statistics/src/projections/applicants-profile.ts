import { AgeBand, EducationLevel, type EventData, Gender } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { indexOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";
import { profileTables } from "./category-table.js";

export interface ApplicantsProfileState {
  /** Per day of application: education slots, then age-band slots, then gender slots. */
  days: DayBuckets;
}

const EDUCATION = indexOf(EducationLevel.options);
const AGE = indexOf(AgeBand.options);
const GENDER = indexOf(Gender.options);
const AGE_AT = EducationLevel.options.length;
const GENDER_AT = AGE_AT + AgeBand.options.length;
const WIDTH = GENDER_AT + Gender.options.length;

const countApplied = (state: ApplicantsProfileState, event: RecordedEvent, sign: 1 | -1): void => {
  const profile = (event.data as EventData<"CandidateApplied">).profile;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const e = EDUCATION.get(profile.educationLevel) as number;
  const a = AGE_AT + (AGE.get(profile.ageBand) as number);
  const g = GENDER_AT + (GENDER.get(profile.gender) as number);
  slots[e] = (slots[e] as number) + sign;
  slots[a] = (slots[a] as number) + sign;
  slots[g] = (slots[g] as number) + sign;
};

const onApplied = (state: ApplicantsProfileState, event: RecordedEvent): ApplicantsProfileState => {
  countApplied(state, event, 1);
  return state;
};

export const applicantsProfileProjection: Projection<ApplicantsProfileState> = {
  name: "statistics.applicantsProfile",
  version: 2,
  initialState: () => ({ days: {} }),
  handlers: {
    CandidateApplied: onApplied,
    FactCorrected: onCorrections({ CandidateApplied: retractThenCount(countApplied) }),
  },
};

const column = { key: "applicants", label: "Candidature" };

export const applicantsProfile: StatisticDefinition<ApplicantsProfileState> = {
  id: "applicantsProfile",
  title: "Formazione, età e genere dei candidati",
  description:
    "Candidature per titolo di studio, fascia d'età e genere del candidato, alla data della candidatura; ogni candidatura conta una volta (una persona che si ricandida è contata di nuovo).",
  chart: "bar",
  projection: applicantsProfileProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    return {
      tables: [...profileTables(slots, column, { education: 0, ageBand: AGE_AT, gender: GENDER_AT }, view)],
    };
  },
};
