import type { DomainError } from "@insieme/kernel";
import { skipped } from "../corrections/step-checks.js";
import type { CandidateEvent } from "../events/registry.js";
import type { CandidateState } from "./state.js";

const OPEN = ["applied", "in_target", "active"];

/** Where each candidate event may stand on the path (the states the candidate decider accepts it in). */
export const candidateStepCheck = (s: CandidateState, e: CandidateEvent): DomainError | null => {
  const need = (statuses: readonly string[]): DomainError | null =>
    statuses.includes(s.status) ? null : skipped(e.type, s.status, statuses.join(" or "));
  switch (e.type) {
    case "CandidateApplied":
      return need(["none"]);
    case "CandidateScreened":
      return need(["applied"]);
    case "SocialServicesCrossChecked":
      return need(["in_target", "active"]);
    case "FirstInterviewHeld":
      return need(["in_target"]);
    case "CandidateWithdrew":
      return need(["applied", "in_target"]);
    case "EmpowermentActivityStarted":
    case "EmpowermentActivityEnded":
    case "PlacementProposed":
    case "OfferRefused":
    case "InternshipStarted":
    case "InternshipEnded":
    case "CandidateHired":
    case "ProjectPathLinked":
      return need(["active"]);
    case "CaseNoteRecorded":
      return need(OPEN);
    case "CaseClosed":
      return e.data.reason === "autonomy" ? need(["active"]) : need(OPEN);
    case "CaseReopened":
      return need(["closed"]);
    case "ContractEnded":
    case "PlacementFollowUpRecorded":
      return s.hires.some((h) => h.companyId === e.data.companyId && h.hiredOn === e.data.hiredOn)
        ? null
        : skipped(e.type, s.status, "the hiring it follows");
    case "FactCorrected":
      return null;
  }
};
