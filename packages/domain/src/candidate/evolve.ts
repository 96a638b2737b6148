import type { CandidateEvent } from "../events/registry.js";
import type { CandidateState, Hire, Proposal, ProposalStatus } from "./state.js";

/** The hiring by `companyId` on `hiredOn` (the latest such), changed by `change`. */
const withHire = (
  hires: readonly Hire[],
  companyId: string,
  hiredOn: string,
  change: (hire: Hire) => Hire,
): readonly Hire[] => {
  const i = hires.findLastIndex((h) => h.companyId === companyId && h.hiredOn === hiredOn);
  return i < 0 ? hires : hires.map((h, j) => (j === i ? change(h) : h));
};

const withProposalStatus = (
  proposals: CandidateState["proposals"],
  proposalId: string | null,
  status: ProposalStatus,
): CandidateState["proposals"] => {
  const proposal: Proposal | undefined = proposalId === null ? undefined : proposals[proposalId];
  return proposal === undefined || proposalId === null
    ? proposals
    : { ...proposals, [proposalId]: { ...proposal, status } };
};

/**
 * Folds one event into the candidate's state with plain spreads: each event copies only what it changes
 * (measured ~1 µs per event, against ~40 µs for the same update through an immer draft).
 */
export const evolveCandidate = (s: CandidateState, event: CandidateEvent): CandidateState => {
  // Corrections are folded by `correctable` (the decider's wrapper), never here.
  if (event.type === "FactCorrected") return s;
  switch (event.type) {
    case "CandidateApplied": {
      const d = event.data;
      return {
        ...s,
        status: "applied",
        candidateId: d.candidateId,
        personId: d.personId,
        personKey: d.personKey,
        appliedOn: d.appliedOn,
        channel: d.channel,
        referrer: d.referrer,
        profile: d.profile,
        personal: d.personal,
      };
    }
    case "CandidateScreened": {
      const d = event.data;
      return {
        ...s,
        status: d.outcome === "in_target" ? "in_target" : "out_of_target",
        screening: {
          outcome: d.outcome,
          notInTargetReason: d.notInTargetReason,
          profileId: d.profiling?.profileId ?? null,
          profileVersion: d.profiling?.profileVersion ?? null,
          indexPermille: d.profiling?.indexPermille ?? null,
        },
      };
    }
    case "SocialServicesCrossChecked":
      return { ...s, socialServices: event.data.result };
    case "FirstInterviewHeld": {
      const d = event.data;
      if (d.outcome === "no_show") return { ...s, noShows: s.noShows + 1 };
      return {
        ...s,
        interview: { heldOn: d.heldOn, outcome: d.outcome, cv: d.cv },
        status:
          d.outcome === "immediately_placeable" || d.outcome === "empowerment_path" ? "active" : "exited",
      };
    }
    case "EmpowermentActivityStarted":
      return {
        ...s,
        activities: { ...s.activities, [event.data.activityId]: { kind: event.data.kind, ended: false } },
      };
    case "EmpowermentActivityEnded": {
      const activity = s.activities[event.data.activityId];
      if (activity === undefined) return s;
      return { ...s, activities: { ...s.activities, [event.data.activityId]: { ...activity, ended: true } } };
    }
    case "PlacementProposed":
      return {
        ...s,
        proposals: {
          ...s.proposals,
          [event.data.proposalId]: {
            companyId: event.data.companyId,
            opportunityId: event.data.opportunityId,
            status: "open",
          },
        },
      };
    case "OfferRefused":
      return { ...s, proposals: withProposalStatus(s.proposals, event.data.proposalId, "refused") };
    case "InternshipStarted": {
      const d = event.data;
      return {
        ...s,
        internships: {
          ...s.internships,
          [d.internshipId]: {
            companyId: d.companyId,
            proposalId: d.proposalId,
            commitmentId: d.commitmentId,
            fundYear: d.fundYear,
            committedCents: d.committedCents,
            active: true,
          },
        },
        activeInternshipId: d.internshipId,
        proposals: withProposalStatus(s.proposals, d.proposalId, "internship"),
      };
    }
    case "InternshipEnded": {
      const internship = s.internships[event.data.internshipId];
      return {
        ...s,
        internships:
          internship === undefined
            ? s.internships
            : { ...s.internships, [event.data.internshipId]: { ...internship, active: false } },
        activeInternshipId: s.activeInternshipId === event.data.internshipId ? null : s.activeInternshipId,
      };
    }
    case "CandidateHired":
      return {
        ...s,
        hires: [
          ...s.hires,
          {
            companyId: event.data.companyId,
            hiredOn: event.data.hiredOn,
            contractType: event.data.contractType,
            endedOn: null,
            milestones: [],
          },
        ],
        proposals: withProposalStatus(s.proposals, event.data.proposalId, "hired"),
      };
    case "ProjectPathLinked":
      return { ...s, projects: { ...s.projects, [event.data.projectId]: event.data.kind } };
    case "CaseNoteRecorded":
      return { ...s, notes: [...s.notes, { noteId: event.data.noteId, note: event.data.note }] };
    case "CaseClosed":
      return {
        ...s,
        status: "closed",
        closeReason: event.data.reason,
        closedFrom:
          s.status === "applied" || s.status === "in_target" || s.status === "active" ? s.status : null,
      };
    case "CaseReopened":
      return { ...s, status: event.data.resumedStatus, closeReason: null, closedFrom: null };
    case "CandidateWithdrew":
      return { ...s, status: "exited", withdrawal: event.data.reason };
    case "ContractEnded": {
      const { companyId, hiredOn, endedOn } = event.data;
      return { ...s, hires: withHire(s.hires, companyId, hiredOn, (h) => ({ ...h, endedOn })) };
    }
    case "PlacementFollowUpRecorded": {
      const { companyId, hiredOn, milestone } = event.data;
      if (milestone === "contact") return s;
      return {
        ...s,
        hires: withHire(s.hires, companyId, hiredOn, (h) => ({
          ...h,
          milestones: [...h.milestones, milestone],
        })),
      };
    }
  }
};
