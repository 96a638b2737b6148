import type { Decider, DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { PersonEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";

/** The person's index entry (`personid-<personId>`): which person stream (keyed hash) the person's id names. */
export interface PersonIndexState {
  readonly personKey: string | null;
}

export interface IdentifyPerson {
  readonly kind: "Identify";
  readonly personId: string;
  readonly personKey: string;
}

const decide = (c: IdentifyPerson, s: PersonIndexState): Either<DomainError, readonly PersonEvent[]> => {
  if (s.personKey === c.personKey) return accept();
  if (s.personKey !== null) return reject("person-id-mismatch", `person ${c.personId} names another person`);
  return accept({ type: "PersonIdentified", data: { personId: c.personId, personKey: c.personKey } });
};

const evolve = (s: PersonIndexState, event: PersonEvent): PersonIndexState =>
  event.type === "PersonIdentified" ? { personKey: event.data.personKey } : s;

export const personIndexDecider: Decider<IdentifyPerson, PersonIndexState, PersonEvent> = {
  initialState: { personKey: null },
  evolve,
  decide,
};
