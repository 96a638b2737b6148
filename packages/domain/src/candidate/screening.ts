import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { ProfilingResult } from "../events/candidate-events.js";
import type { CandidateEvent } from "../events/registry.js";
import { scoreProfiling } from "../fragility/score.js";
import { accept, reject } from "../rules.js";
import { municipalityIn } from "../territory/territory.js";
import type { NotInTargetReason, RuleResult, ScreeningOutcome } from "../vocabulary/screening.js";
import type { CandidateCommand } from "./commands.js";
import { requireStatus } from "./guards.js";
import type { CandidateState } from "./state.js";

const met = (ok: boolean): RuleResult => (ok ? "met" : "not_met");

export const decideScreen = (
  c: Extract<CandidateCommand, { kind: "Screen" }>,
  state: CandidateState,
): Either<DomainError, readonly CandidateEvent[]> => {
  const guard = requireStatus(state, "applied", "already-screened", "the candidate was already screened");
  if (guard !== null) return guard;
  const profile = state.profile;
  if (profile === null || state.candidateId === null) return reject("candidate-not-found", "no application");
  const eligibility = c.rules.eligibility;
  const territory =
    !eligibility.livingInTerritory ||
    municipalityIn(c.rules.territory, profile.residence.municipalityIstat) !== undefined;
  const unemployment = !eligibility.unemployed || profile.unemploymentDuration !== "employed";
  const noOtherMeasure = !eligibility.noOtherActiveMeasure || !c.inOtherActiveMeasure;
  const ruleReason: NotInTargetReason | null = !territory
    ? "outside_metro_area"
    : !unemployment
      ? "not_unemployed"
      : !noOtherMeasure
        ? "in_other_active_measure"
        : null;
  let profiling: ProfilingResult | null = null;
  let outcome: ScreeningOutcome = "not_in_target";
  let reason: NotInTargetReason | null = ruleReason;
  if (c.scores !== null) {
    const scored = scoreProfiling(c.profile, c.scores);
    if (E.isLeft(scored)) return scored;
    profiling = scored.right.result;
    if (ruleReason === null) {
      outcome = scored.right.outcome;
      reason = outcome === "not_in_target" ? "no_difficulty" : null;
    }
  } else if (ruleReason === null) {
    return reject(
      "profiling-required",
      "the applicant meets the territory and unemployment rules: the L.R. 14/2015 profiling is required",
    );
  }
  return accept({
    type: "CandidateScreened",
    data: {
      candidateId: state.candidateId,
      rules: {
        territory: met(territory),
        unemployment: met(unemployment),
        noOtherActiveMeasure: met(noOtherMeasure),
      },
      profiling,
      outcome,
      notInTargetReason: reason,
    },
  });
};

export const decideCrossCheck = (
  c: Extract<CandidateCommand, { kind: "CrossCheckSocialServices" }>,
  state: CandidateState,
): Either<DomainError, readonly CandidateEvent[]> => {
  if (state.status === "none" || state.candidateId === null)
    return reject("candidate-not-found", "no application");
  if (state.screening?.outcome !== "in_target") {
    return reject(
      "cross-check-requires-in-target",
      "only candidates screened in target are cross-checked with social services",
    );
  }
  if (state.status !== "in_target" && state.status !== "active")
    return reject("case-not-open", "the case is not open");
  const istat = state.profile?.residence.municipalityIstat ?? "";
  if (!c.crossCheckMunicipalities.includes(istat)) {
    return reject(
      "cross-check-only-for-bologna-residents",
      `the cross-check is with the social services of ${c.crossCheckMunicipalities.join(", ") || "no comune"}, not of ${istat}`,
      { municipalityIstat: istat },
    );
  }
  if (state.socialServices !== null)
    return reject("cross-check-already-recorded", "the cross-check was already recorded");
  return accept({
    type: "SocialServicesCrossChecked",
    data: { candidateId: state.candidateId, result: c.result },
  });
};
