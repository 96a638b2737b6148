import { produce } from "immer";
import type { CandidateEvent } from "../events/registry.js";
import type { CandidateState } from "./state.js";

export const evolveCandidate = (state: CandidateState, event: CandidateEvent): CandidateState =>
  produce(state, (s) => {
    switch (event.type) {
      case "CandidateApplied": {
        const d = event.data;
        s.status = "applied";
        s.candidateId = d.candidateId;
        s.personId = d.personId;
        s.personKey = d.personKey;
        s.appliedOn = d.appliedOn;
        s.channel = d.channel;
        s.referrer = d.referrer;
        s.profile = d.profile;
        s.personal = d.personal;
        return;
      }
      case "CandidateScreened": {
        const d = event.data;
        s.status = d.outcome === "in_target" ? "in_target" : "out_of_target";
        s.screening = {
          outcome: d.outcome,
          notInTargetReason: d.notInTargetReason,
          profileId: d.profiling?.profileId ?? null,
          profileVersion: d.profiling?.profileVersion ?? null,
          indexPermille: d.profiling?.indexPermille ?? null,
        };
        return;
      }
      case "SocialServicesCrossChecked":
        s.socialServices = event.data.result;
        return;
      case "FirstInterviewHeld": {
        const d = event.data;
        if (d.outcome === "no_show") {
          s.noShows += 1;
          return;
        }
        s.interview = { heldOn: d.heldOn, outcome: d.outcome, cv: d.cv };
        s.status =
          d.outcome === "immediately_placeable" || d.outcome === "empowerment_path" ? "active" : "exited";
        return;
      }
      case "EmpowermentActivityStarted":
        s.activities[event.data.activityId] = { kind: event.data.kind, ended: false };
        return;
      case "EmpowermentActivityEnded": {
        const activity = s.activities[event.data.activityId];
        if (activity !== undefined) activity.ended = true;
        return;
      }
      case "PlacementProposed":
        s.proposals[event.data.proposalId] = {
          companyId: event.data.companyId,
          opportunityId: event.data.opportunityId,
          status: "open",
        };
        return;
      case "OfferRefused": {
        const proposal = s.proposals[event.data.proposalId];
        if (proposal !== undefined) proposal.status = "refused";
        return;
      }
      case "InternshipStarted": {
        const d = event.data;
        s.internships[d.internshipId] = {
          companyId: d.companyId,
          proposalId: d.proposalId,
          commitmentId: d.commitmentId,
          fundYear: d.fundYear,
          committedCents: d.committedCents,
          active: true,
        };
        s.activeInternshipId = d.internshipId;
        const proposal = s.proposals[d.proposalId];
        if (proposal !== undefined) proposal.status = "internship";
        return;
      }
      case "InternshipEnded": {
        const internship = s.internships[event.data.internshipId];
        if (internship !== undefined) internship.active = false;
        if (s.activeInternshipId === event.data.internshipId) s.activeInternshipId = null;
        return;
      }
      case "CandidateHired": {
        s.hires.push({ companyId: event.data.companyId, hiredOn: event.data.hiredOn });
        const proposal = event.data.proposalId === null ? undefined : s.proposals[event.data.proposalId];
        if (proposal !== undefined) proposal.status = "hired";
        return;
      }
      case "ProjectPathLinked":
        s.projects[event.data.projectId] = event.data.kind;
        return;
      case "CaseNoteRecorded":
        s.notes.push({ noteId: event.data.noteId, note: event.data.note });
        return;
      case "CaseClosed":
        s.status = "closed";
        s.closeReason = event.data.reason;
        return;
    }
  });
