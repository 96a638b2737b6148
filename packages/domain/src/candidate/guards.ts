import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import { reject } from "../rules.js";
import type { CandidateState, CandidateStatus } from "./state.js";

/** Refuses unless the candidate is in `wanted`; `rule` names the refusal when the step was already passed. */
export const requireStatus = (
  state: CandidateState,
  wanted: CandidateStatus,
  rule: string,
  message: string,
): Either<DomainError, never> | null => {
  if (state.status === wanted) return null;
  if (state.status === "none") return reject("candidate-not-found", "the candidate has not applied");
  if (state.status === "out_of_target" || state.status === "exited" || state.status === "closed") {
    return reject("case-not-open", `the case is ${state.status.replace("_", " ")}`, { status: state.status });
  }
  return reject(rule, message, { status: state.status });
};

/**
 * Paths (placement, internship, hiring, empowerment, projects) need a candidate screened in target and past the
 * first interview; `inTargetRule` names the refusal for someone not (yet) in target.
 */
export const requireActive = (
  state: CandidateState,
  inTargetRule: string,
): Either<DomainError, never> | null => {
  switch (state.status) {
    case "active":
      return null;
    case "none":
      return reject("candidate-not-found", "the candidate has not applied");
    case "applied":
      return reject(inTargetRule, "the candidate has not been screened in target yet", {
        status: state.status,
      });
    case "out_of_target":
      return reject(inTargetRule, "the candidate is not in the programme's target", { status: state.status });
    case "in_target":
      return reject("path-requires-first-interview", "no path starts before the first interview", {
        status: state.status,
      });
    default:
      return reject("case-not-open", `the case is ${state.status}`, { status: state.status });
  }
};

export const isOpen = (state: CandidateState): boolean =>
  state.status === "applied" || state.status === "in_target" || state.status === "active";
