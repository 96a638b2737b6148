import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { ConfigurationVersion } from "../configuration/schema.js";
import type { Residence } from "../events/common.js";
import type { CandidateEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import { checkResidence } from "../territory/territory.js";
import type { AgeBand } from "../vocabulary/application.js";
import type { CandidateCommand } from "./commands.js";
import type { CandidateState } from "./state.js";

/** What an application is checked against: the configuration version in force on its date. */
export type ApplicationRules = Pick<ConfigurationVersion, "onlineForm" | "eligibility" | "territory">;

export const ageBandOf = (age: number): AgeBand =>
  age < 25 ? "18_24" : age < 35 ? "25_34" : age < 50 ? "35_49" : age < 65 ? "50_64" : "65_plus";

type Apply = Extract<CandidateCommand, { kind: "Apply" }>;

/** The application's own rules, also checked by the service before it seals any personal data. */
export const checkApplication = (
  state: CandidateState,
  c: Pick<Apply, "appliedOn" | "channel" | "birthYear"> & { readonly residence: Residence },
  rules: ApplicationRules,
): Either<DomainError, void> | null => {
  if (state.status !== "none")
    return reject("candidate-already-exists", `candidate ${state.candidateId} already applied`);
  const opened = rules.onlineForm.openedOn;
  if (c.channel === "online_form" && (opened === null || c.appliedOn < opened)) {
    return reject(
      "online-form-not-yet-open",
      opened === null ? "the programme has no online form" : `the online form opened on ${opened}`,
      { appliedOn: c.appliedOn },
    );
  }
  const age = Number(c.appliedOn.slice(0, 4)) - c.birthYear;
  if (age < rules.eligibility.minimumAge)
    return reject("applicant-under-age", `applicants must be at least ${rules.eligibility.minimumAge}`, {
      age,
    });
  return checkResidence(rules.territory, c.residence);
};

export const decideApply = (
  c: Apply,
  state: CandidateState,
): Either<DomainError, readonly CandidateEvent[]> => {
  const refused = checkApplication(state, c, c.rules);
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
