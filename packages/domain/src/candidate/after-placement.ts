import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { CandidateEvent } from "../events/registry.js";
import { accept, addDays, addMonths, daysBetween, FOLLOW_UP_EARLY_DAYS, reject } from "../rules.js";
import type { CandidateCommand } from "./commands.js";
import type { CandidateState, Hire } from "./state.js";

type Decision = Either<DomainError, readonly CandidateEvent[]>;

/** Months after the hiring at which a milestone follow-up is due. */
export const MILESTONE_MONTHS = { month_6: 6, month_12: 12 } as const;

/** A withdrawal before the first interview: from an application or a screening in target, nothing after. */
export const decideWithdraw = (
  c: Extract<CandidateCommand, { kind: "Withdraw" }>,
  state: CandidateState,
): Decision => {
  switch (state.status) {
    case "none":
      return reject("candidate-not-found", "the candidate has not applied");
    case "active":
    case "exited":
      return reject(
        "withdrawal-after-first-interview",
        "the first interview was held: close the case (dropped_out) instead",
        { status: state.status },
      );
    case "out_of_target":
    case "closed":
      return reject("case-not-open", `the case is ${state.status.replace("_", " ")}`, {
        status: state.status,
      });
    case "applied":
    case "in_target":
      break;
  }
  if (state.appliedOn !== null && c.withdrawnOn < state.appliedOn)
    return reject("withdrawal-before-application", "the withdrawal cannot precede the application");
  return accept({
    type: "CandidateWithdrew",
    data: { candidateId: state.candidateId ?? "", withdrawnOn: c.withdrawnOn, reason: c.reason },
  });
};

const latestHire = (state: CandidateState, companyId: string, running: boolean): Hire | undefined =>
  state.hires.findLast((h) => h.companyId === companyId && (!running || h.endedOn === null));

/** The end of the contract of the candidate's latest running hiring by the company. */
export const decideEndContract = (
  c: Extract<CandidateCommand, { kind: "EndContract" }>,
  state: CandidateState,
): Decision => {
  if (state.status === "none") return reject("candidate-not-found", "the candidate has not applied");
  const hire = latestHire(state, c.companyId, true);
  if (hire === undefined) {
    return latestHire(state, c.companyId, false) === undefined
      ? reject("hiring-not-found", `no hiring of the candidate by ${c.companyId} was recorded`)
      : reject("contract-already-ended", `the contract with ${c.companyId} already ended`);
  }
  if (c.endedOn < hire.hiredOn)
    return reject("contract-end-before-hiring", "the contract cannot end before the hiring", {
      hiredOn: hire.hiredOn,
    });
  return accept({
    type: "ContractEnded",
    data: {
      candidateId: state.candidateId ?? "",
      companyId: c.companyId,
      hiredOn: hire.hiredOn,
      endedOn: c.endedOn,
      reason: c.reason,
      daysEmployed: daysBetween(hire.hiredOn, c.endedOn),
    },
  });
};

/** A follow-up contact about the candidate's latest hiring by the company. */
export const decideFollowUp = (
  c: Extract<CandidateCommand, { kind: "RecordFollowUp" }>,
  state: CandidateState,
): Decision => {
  if (state.status === "none") return reject("candidate-not-found", "the candidate has not applied");
  const hire = latestHire(state, c.companyId, false);
  if (hire === undefined)
    return reject("hiring-not-found", `no hiring of the candidate by ${c.companyId} was recorded`);
  if (c.contactedOn < hire.hiredOn)
    return reject("follow-up-before-hiring", "a follow-up comes after the hiring", { hiredOn: hire.hiredOn });
  if (c.milestone !== "contact") {
    const due = addMonths(hire.hiredOn, MILESTONE_MONTHS[c.milestone]);
    if (c.contactedOn < addDays(due, -FOLLOW_UP_EARLY_DAYS)) {
      return reject("follow-up-too-early", `the ${c.milestone} follow-up is due on ${due}`, { due });
    }
    if (hire.milestones.includes(c.milestone))
      return reject("follow-up-already-recorded", `the ${c.milestone} follow-up was recorded`);
  }
  if (
    c.employmentStatus === "employed_same_employer" &&
    hire.endedOn !== null &&
    hire.endedOn <= c.contactedOn
  ) {
    return reject(
      "follow-up-contradicts-contract-end",
      `the contract with ${c.companyId} ended on ${hire.endedOn}: record the new contract as a hiring`,
      { endedOn: hire.endedOn },
    );
  }
  return accept({
    type: "PlacementFollowUpRecorded",
    data: {
      candidateId: state.candidateId ?? "",
      companyId: c.companyId,
      hiredOn: hire.hiredOn,
      contactedOn: c.contactedOn,
      milestone: c.milestone,
      employmentStatus: c.employmentStatus,
    },
  });
};
