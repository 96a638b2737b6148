import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { CandidateEvent } from "../events/registry.js";
import { accept, daysBetween, reject } from "../rules.js";
import type { CandidateCommand } from "./commands.js";
import { requireActive } from "./guards.js";
import type { CandidateState } from "./state.js";

export const decideFirstInterview = (
  c: Extract<CandidateCommand, { kind: "HoldFirstInterview" }>,
  state: CandidateState,
): Either<DomainError, readonly CandidateEvent[]> => {
  switch (state.status) {
    case "none":
      return reject("candidate-not-found", "the candidate has not applied");
    case "applied":
      return reject("screening-required-before-interview", "the first interview comes after the screening");
    case "out_of_target":
      return reject("interview-requires-in-target", "only candidates in target have a first interview");
    case "active":
    case "exited":
      return reject("first-interview-already-held", "the first interview was already held");
    case "closed":
      return reject("case-not-open", "the case is closed");
    case "in_target":
      break;
  }
  const opensPath = c.outcome === "immediately_placeable" || c.outcome === "empowerment_path";
  if (opensPath && c.cv === null)
    return reject("cv-required-for-outcome", `outcome ${c.outcome} needs the "modello Insieme" CV`);
  if (!opensPath && c.cv !== null)
    return reject("cv-only-for-path-outcomes", `outcome ${c.outcome} records no CV`);
  if (c.outcome === "no_show" && c.transversalSkills.length > 0) {
    return reject("no-show-has-no-assessment", "nobody to assess: the candidate did not show up");
  }
  const profile = state.profile;
  if (state.candidateId === null || profile === null || state.appliedOn === null) {
    return reject("candidate-not-found", "no application");
  }
  if (c.heldOn < state.appliedOn)
    return reject("interview-before-application", "the interview cannot precede the application");
  const skills = c.transversalSkills.map((s) => ({ skill: s.skill, level: s.level }));
  return accept({
    type: "FirstInterviewHeld",
    data: {
      candidateId: state.candidateId,
      heldOn: c.heldOn,
      outcome: c.outcome,
      transversalSkills: skills,
      cv:
        c.cv === null
          ? null
          : { ...c.cv, educationLevel: profile.educationLevel, ageBand: profile.ageBand, skills },
      daysFromApplication: daysBetween(state.appliedOn, c.heldOn),
    },
  });
};

export const decideStartActivity = (
  c: Extract<CandidateCommand, { kind: "StartEmpowermentActivity" }>,
  state: CandidateState,
): Either<DomainError, readonly CandidateEvent[]> => {
  const guard = requireActive(state, "path-requires-in-target");
  if (guard !== null) return guard;
  if (
    state.interview?.outcome !== "empowerment_path" &&
    state.interview?.outcome !== "immediately_placeable"
  ) {
    return reject("path-requires-first-interview", "no path starts before the first interview");
  }
  if (state.activities[c.activityId] !== undefined)
    return reject("activity-already-exists", `activity ${c.activityId} exists`);
  return accept({
    type: "EmpowermentActivityStarted",
    data: { candidateId: state.candidateId ?? "", activityId: c.activityId, kind: c.activity },
  });
};

export const decideEndActivity = (
  c: Extract<CandidateCommand, { kind: "EndEmpowermentActivity" }>,
  state: CandidateState,
): Either<DomainError, readonly CandidateEvent[]> => {
  const guard = requireActive(state, "path-requires-in-target");
  if (guard !== null) return guard;
  const activity = state.activities[c.activityId];
  if (activity === undefined || activity.ended) {
    return reject("activity-not-running", `no running empowerment activity ${c.activityId}`);
  }
  return accept({
    type: "EmpowermentActivityEnded",
    data: {
      candidateId: state.candidateId ?? "",
      activityId: c.activityId,
      kind: activity.kind,
      result: c.result,
    },
  });
};
