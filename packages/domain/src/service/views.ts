import type { CandidateState, CandidateStatus } from "../candidate/state.js";
import type { CvModelloInsieme, StatisticalProfile } from "../events/candidate-events.js";
import type { PersonalData, Unsealed } from "../personal-data/personal-data.js";

/** A candidate as the programme's staff see it (operator, technical referent): the whole case, personal data opened. */
export interface CaseView {
  readonly view: "case";
  readonly candidateId: string;
  readonly personId: string;
  readonly status: CandidateStatus;
  readonly state: PseudonymousCandidate;
  readonly personal: Unsealed<PersonalData>;
  readonly notes: readonly { readonly noteId: string; readonly text: Unsealed<string> }[];
}

/** A candidate as an auditor sees it: the state by pseudonym, with neither personal data nor notes. */
export interface PseudonymousView {
  readonly view: "pseudonymous";
  readonly candidateId: string;
  readonly personId: string;
  readonly status: CandidateStatus;
  readonly state: PseudonymousCandidate;
}

/** What a company sees of a candidate proposed to it: the "modello Insieme" CV, nothing else. */
export interface CvView {
  readonly view: "cv";
  readonly candidateId: string;
  readonly cv: CvModelloInsieme;
}

export type CandidateView = CaseView | PseudonymousView | CvView;

/** Candidate state without sealed data and without the person key. */
export type PseudonymousCandidate = Omit<CandidateState, "personal" | "notes" | "personKey"> & {
  readonly profile: StatisticalProfile | null;
  readonly noteCount: number;
};

export const pseudonymous = (state: CandidateState): PseudonymousCandidate => {
  const { personal: _personal, notes, personKey: _personKey, ...rest } = state;
  return { ...rest, noteCount: notes.length };
};
