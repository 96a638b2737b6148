import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { CandidateEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import type { AgeBand } from "../vocabulary/application.js";
import type { CandidateCommand } from "./commands.js";
import type { CandidateState } from "./state.js";

/** The online application form opened on 1 December 2017 (source document, "Soggetti invianti"). */
export const ONLINE_FORM_OPENED_ON = "2017-12-01";

export const MINIMUM_AGE = 18;

export const ageBandOf = (age: number): AgeBand =>
  age < 25 ? "18_24" : age < 35 ? "25_34" : age < 50 ? "35_49" : age < 65 ? "50_64" : "65_plus";

type Apply = Extract<CandidateCommand, { kind: "Apply" }>;

/** The application's own rules, also checked by the service before it seals any personal data. */
export const checkApplication = (
  state: CandidateState,
  c: Pick<Apply, "appliedOn" | "channel" | "birthYear">,
): Either<DomainError, void> | null => {
  if (state.status !== "none")
    return reject("candidate-already-exists", `candidate ${state.candidateId} already applied`);
  if (c.channel === "online_form" && c.appliedOn < ONLINE_FORM_OPENED_ON) {
    return reject("online-form-not-yet-open", `the online form opened on ${ONLINE_FORM_OPENED_ON}`, {
      appliedOn: c.appliedOn,
    });
  }
  const age = Number(c.appliedOn.slice(0, 4)) - c.birthYear;
  if (age < MINIMUM_AGE)
    return reject("applicant-under-age", `applicants must be at least ${MINIMUM_AGE}`, { age });
  return null;
};

export const decideApply = (
  c: Apply,
  state: CandidateState,
): Either<DomainError, readonly CandidateEvent[]> => {
  const refused = checkApplication(state, c);
  if (refused !== null) return refused as Either<DomainError, never>;
  return accept({
    type: "CandidateApplied",
    data: {
      candidateId: c.candidateId,
      appliedOn: c.appliedOn,
      personId: c.personId,
      personKey: c.personKey,
      channel: c.channel,
      referrer: c.referrer,
      profile: {
        birthYear: c.birthYear,
        ageBand: ageBandOf(Number(c.appliedOn.slice(0, 4)) - c.birthYear),
        gender: c.gender,
        educationLevel: c.educationLevel,
        citizenship: c.citizenship,
        residence: c.residence,
        unemploymentDuration: c.unemploymentDuration,
        economicCondition: c.economicCondition,
      },
      personal: c.personal,
    },
  });
};
