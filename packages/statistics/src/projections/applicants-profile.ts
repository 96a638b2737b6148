import { AgeBand, EducationLevel, type EventData, Gender } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
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

const onApplied = (state: ApplicantsProfileState, event: RecordedEvent): ApplicantsProfileState => {
  const profile = (event.data as EventData<"CandidateApplied">).profile;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const e = EDUCATION.get(profile.educationLevel) as number;
  const a = AGE_AT + (AGE.get(profile.ageBand) as number);
  const g = GENDER_AT + (GENDER.get(profile.gender) as number);
  slots[e] = (slots[e] as number) + 1;
  slots[a] = (slots[a] as number) + 1;
  slots[g] = (slots[g] as number) + 1;
  return state;
};

export const applicantsProfileProjection: Projection<ApplicantsProfileState> = {
  name: "statistics.applicantsProfile",
  version: 1,
  initialState: () => ({ days: {} }),
  handlers: { CandidateApplied: onApplied },
};

const column = { key: "applicants", label: "Candidati" };

export const applicantsProfile: StatisticDefinition<ApplicantsProfileState> = {
  id: "applicantsProfile",
  title: "Formazione, età e genere dei candidati",
  description: "Candidati per titolo di studio, fascia d'età e genere, alla data della candidatura.",
  chart: "bar",
  projection: applicantsProfileProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    return {
      tables: [...profileTables(slots, column, { education: 0, ageBand: AGE_AT, gender: GENDER_AT }, view)],
    };
  },
};
