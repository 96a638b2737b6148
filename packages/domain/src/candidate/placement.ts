import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { CandidateEvent } from "../events/registry.js";
import { accept, daysBetween, reject } from "../rules.js";
import type { CandidateCommand } from "./commands.js";
import { requireActive } from "./guards.js";
import type { CandidateState } from "./state.js";

type Decision = Either<DomainError, readonly CandidateEvent[]>;

export const decidePropose = (
  c: Extract<CandidateCommand, { kind: "ProposePlacement" }>,
  state: CandidateState,
): Decision => {
  const guard = requireActive(state, "placement-requires-in-target");
  if (guard !== null) return guard;
  if (!c.companyInBoard && c.hostRule === "board_members") {
    return reject("placement-company-not-in-board", `company ${c.companyId} is not in the Board`, {
      companyId: c.companyId,
    });
  }
  if (!c.opportunityOffered) {
    return reject(
      "opportunity-not-offered-by-company",
      `company ${c.companyId} offered no opportunity ${c.opportunityId}`,
    );
  }
  if (state.proposals[c.proposalId] !== undefined)
    return reject("proposal-already-exists", `proposal ${c.proposalId} exists`);
  return accept({
    type: "PlacementProposed",
    data: {
      candidateId: state.candidateId ?? "",
      proposalId: c.proposalId,
      companyId: c.companyId,
      opportunityId: c.opportunityId,
    },
  });
};

export const decideRefuseOffer = (
  c: Extract<CandidateCommand, { kind: "RefuseOffer" }>,
  state: CandidateState,
): Decision => {
  const guard = requireActive(state, "placement-requires-in-target");
  if (guard !== null) return guard;
  const proposal = state.proposals[c.proposalId];
  if (proposal === undefined) return reject("proposal-not-found", `no proposal ${c.proposalId}`);
  if (proposal.status !== "open")
    return reject("proposal-not-open", `proposal ${c.proposalId} is ${proposal.status}`);
  return accept({
    type: "OfferRefused",
    data: {
      candidateId: state.candidateId ?? "",
      proposalId: c.proposalId,
      companyId: proposal.companyId,
      refusedBy: c.refusedBy,
      reason: c.reason,
    },
  });
};

export const decideStartInternship = (
  c: Extract<CandidateCommand, { kind: "StartInternship" }>,
  state: CandidateState,
): Decision => {
  const guard = requireActive(state, "placement-requires-in-target");
  if (guard !== null) return guard;
  const proposal = state.proposals[c.proposalId];
  if (proposal === undefined || proposal.status !== "open") {
    return reject(
      "internship-requires-proposal",
      `an internship starts from an open placement proposal (${c.proposalId})`,
    );
  }
  if (!c.companyInBoard && c.hostRule === "board_members") {
    return reject("internship-company-not-in-board", `company ${proposal.companyId} is not in the Board`, {
      companyId: proposal.companyId,
    });
  }
  if (state.activeInternshipId !== null) {
    return reject("one-active-internship", `internship ${state.activeInternshipId} is still active`);
  }
  if (state.internships[c.internshipId] !== undefined) {
    return reject("internship-already-exists", `internship ${c.internshipId} exists`);
  }
  if (c.plannedEndDate < c.startDate)
    return reject("internship-dates-invalid", "the planned end precedes the start");
  return accept({
    type: "InternshipStarted",
    data: {
      candidateId: state.candidateId ?? "",
      internshipId: c.internshipId,
      companyId: proposal.companyId,
      proposalId: c.proposalId,
      startDate: c.startDate,
      plannedEndDate: c.plannedEndDate,
      committedCents: c.committedCents,
      commitmentId: c.commitmentId,
      fundYear: c.fundYear,
    },
  });
};

export const decideEndInternship = (
  c: Extract<CandidateCommand, { kind: "EndInternship" }>,
  state: CandidateState,
): Decision => {
  const guard = requireActive(state, "placement-requires-in-target");
  if (guard !== null) return guard;
  const internship = state.internships[c.internshipId];
  if (internship === undefined || !internship.active) {
    return reject("internship-not-active", `internship ${c.internshipId} is not active`);
  }
  if (c.unusedCents > internship.committedCents) {
    return reject("release-exceeds-commitment", "more unused than committed", {
      unusedCents: c.unusedCents,
      committedCents: internship.committedCents,
    });
  }
  return accept({
    type: "InternshipEnded",
    data: {
      candidateId: state.candidateId ?? "",
      internshipId: c.internshipId,
      companyId: internship.companyId,
      reason: c.reason,
      unusedCents: c.unusedCents,
    },
  });
};

export const decideHire = (
  c: Extract<CandidateCommand, { kind: "Hire" }>,
  state: CandidateState,
): Decision => {
  const guard = requireActive(state, "placement-requires-in-target");
  if (guard !== null) return guard;
  if (!c.companyInBoard && c.hostRule === "board_members") {
    return reject("hiring-company-not-in-board", `company ${c.companyId} is not in the Board`, {
      companyId: c.companyId,
    });
  }
  const proposal = c.proposalId === null ? undefined : state.proposals[c.proposalId];
  const internship = c.internshipId === null ? undefined : state.internships[c.internshipId];
  const fromProposal =
    proposal !== undefined && proposal.companyId === c.companyId && proposal.status !== "refused";
  const fromInternship = internship !== undefined && internship.companyId === c.companyId;
  if (
    (c.proposalId === null && c.internshipId === null) ||
    (c.proposalId !== null && !fromProposal) ||
    (c.internshipId !== null && !fromInternship)
  ) {
    return reject(
      "hiring-requires-proposal-or-internship",
      `a hiring by ${c.companyId} follows its proposal or internship`,
    );
  }
  if (state.activeInternshipId !== null) {
    return reject("internship-still-active", `end internship ${state.activeInternshipId} before the hiring`);
  }
  const heldOn = state.interview?.heldOn ?? c.hiredOn;
  if (c.hiredOn < heldOn)
    return reject("hiring-before-interview", "the hiring cannot precede the first interview");
  return accept({
    type: "CandidateHired",
    data: {
      candidateId: state.candidateId ?? "",
      companyId: c.companyId,
      hiredOn: c.hiredOn,
      proposalId: c.proposalId,
      internshipId: c.internshipId,
      contractType: c.contractType,
      placementOrder: state.hires.length + (c.earlierHires ?? 0) === 0 ? "first_time" : "repeat",
      daysFromFirstInterview: daysBetween(heldOn, c.hiredOn),
    },
  });
};
