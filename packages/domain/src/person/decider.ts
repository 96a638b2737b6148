import type { Decider, DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { PersonEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";

/** Keyed by the hash of the codice fiscale: the same person never holds two open cases. */
export interface PersonState {
  readonly personId: string | null;
  readonly openCandidateId: string | null;
  readonly cases: number;
  /** Every case (candidate id) of the person, oldest first: the person across cases. */
  readonly candidateIds: readonly string[];
}

export const initialPersonState: PersonState = {
  personId: null,
  openCandidateId: null,
  cases: 0,
  candidateIds: [],
};

export type PersonCommand =
  | { readonly kind: "OpenCase"; readonly personId: string; readonly candidateId: string }
  | { readonly kind: "CloseCase"; readonly candidateId: string };

const decide = (c: PersonCommand, s: PersonState): Either<DomainError, readonly PersonEvent[]> => {
  switch (c.kind) {
    case "OpenCase":
      if (s.openCandidateId === c.candidateId) return accept();
      if (s.openCandidateId !== null) {
        return reject("person-has-open-case", "this person already has an open case", {
          candidateId: s.openCandidateId,
        });
      }
      if (s.personId !== null && s.personId !== c.personId) {
        return reject("person-id-mismatch", `this person is ${s.personId}`);
      }
      return accept({ type: "PersonCaseOpened", data: { personId: c.personId, candidateId: c.candidateId } });
    case "CloseCase":
      if (s.openCandidateId !== c.candidateId || s.personId === null) {
        return reject("person-case-not-open", `no open case ${c.candidateId} for this person`);
      }
      return accept({ type: "PersonCaseClosed", data: { personId: s.personId, candidateId: c.candidateId } });
  }
};

const evolve = (s: PersonState, event: PersonEvent): PersonState =>
  event.type === "PersonIdentified"
    ? s
    : event.type === "PersonCaseOpened"
      ? {
          personId: event.data.personId,
          openCandidateId: event.data.candidateId,
          cases: s.candidateIds.includes(event.data.candidateId) ? s.cases : s.cases + 1,
          candidateIds: s.candidateIds.includes(event.data.candidateId)
            ? s.candidateIds
            : [...s.candidateIds, event.data.candidateId],
        }
      : { ...s, openCandidateId: null };

export const personDecider: Decider<PersonCommand, PersonState, PersonEvent> = {
  initialState: initialPersonState,
  evolve,
  decide,
};
