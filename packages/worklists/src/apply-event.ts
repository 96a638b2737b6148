import type { RecordedEvent } from "@insieme/kernel";
import {
  type BatchRows,
  CASES,
  FOLLOW_UPS,
  keyOf,
  OPPORTUNITIES,
  PROJECTS,
  type Row,
  type TableRows,
} from "./batch-rows.js";
import { addMonths } from "./calendar.js";

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string => String(data[key]);
const day = (event: RecordedEvent): string => event.occurredAt.slice(0, 10);
const record = (value: unknown): Data => (typeof value === "object" && value !== null ? (value as Data) : {});

/** After a hiring, the programme contacts the person and the employer this many months later. */
export const FOLLOW_UP_MONTHS = [6, 12] as const;
/** The milestones of `PlacementFollowUpRecorded` that close a follow-up, by months after the hiring. */
const MILESTONE_MONTHS: Readonly<Record<string, number>> = { month_6: 6, month_12: 12 };

/** Inserts a row unless one with its key exists (the first event that makes a row wins). */
const insert = (table: TableRows, key: string, row: Row): void => {
  if (table.rows.has(key)) return;
  table.rows.set(key, row);
  table.dirty.add(key);
};

/** Changes an existing row; an event about a row that does not exist changes nothing. */
const change = (table: TableRows, key: string, changes: Row): void => {
  const row = table.rows.get(key);
  if (row === undefined) return;
  Object.assign(row, changes);
  table.dirty.add(key);
};

/**
 * Applies one event to the rows of its batch, in memory (one pass: each event touches the rows of its own case,
 * company or project; the batch's rows are loaded before and written back after, in the same transaction).
 * Events of other types change nothing.
 */
export const applyEvent = (rows: BatchRows, event: RecordedEvent): void => {
  const data = event.data as Data;
  const candidate = () => keyOf(CASES, { candidate_id: str(data, "candidateId") });
  const setCase = (changes: Row) =>
    change(rows.cases, candidate(), {
      ...changes,
      operator: event.actor.id,
      updated_position: event.position,
    });
  const project = () => keyOf(PROJECTS, { project_id: str(data, "projectId") });
  const noProposal = { proposal_id: null, proposal_company: null, proposed_on: null };
  switch (event.type) {
    case "CandidateApplied": {
      const residence = record(record(data.profile).residence);
      insert(rows.cases, candidate(), {
        candidate_id: str(data, "candidateId"),
        person_key: str(data, "personKey"),
        state: "applied",
        operator: event.actor.id,
        channel: str(data, "channel"),
        municipality: String(residence.municipalityIstat),
        area: typeof residence.quartiere === "string" ? residence.quartiere : null,
        applied_on: str(data, "appliedOn"),
        screened_on: null,
        interviewed_on: null,
        proposal_id: null,
        proposal_company: null,
        proposed_on: null,
        internship_id: null,
        internship_company: null,
        internship_end: null,
        open: 1,
        updated_position: event.position,
      });
      return;
    }
    case "CandidateScreened":
      setCase({
        state: data.outcome === "in_target" ? "screened" : String(data.outcome),
        screened_on: day(event),
        open: data.outcome === "in_target" ? 1 : 0,
      });
      return;
    case "FirstInterviewHeld":
      setCase({ state: "interviewed", interviewed_on: str(data, "heldOn") });
      return;
    case "PlacementProposed":
      setCase({
        state: "proposed",
        proposal_id: str(data, "proposalId"),
        proposal_company: str(data, "companyId"),
        proposed_on: day(event),
      });
      return;
    case "OfferRefused":
      setCase({ state: "interviewed", ...noProposal });
      return;
    case "InternshipStarted":
      setCase({
        state: "internship",
        ...noProposal,
        internship_id: str(data, "internshipId"),
        internship_company: str(data, "companyId"),
        internship_end: str(data, "plannedEndDate"),
      });
      return;
    case "InternshipEnded":
      setCase({ state: "internship_ended", internship_id: null, internship_end: null });
      return;
    case "CandidateHired": {
      setCase({ state: "hired", ...noProposal });
      const hiredOn = str(data, "hiredOn");
      for (const months of FOLLOW_UP_MONTHS) {
        const row: Row = {
          candidate_id: str(data, "candidateId"),
          company_id: str(data, "companyId"),
          hired_on: hiredOn,
          months,
          due_on: addMonths(hiredOn, months),
          done_on: null,
        };
        insert(rows.followUps, keyOf(FOLLOW_UPS, row), row);
      }
      return;
    }
    case "PlacementFollowUpRecorded": {
      // The 6- or 12-month check of a hiring is done (another contact closes nothing).
      const months = MILESTONE_MONTHS[String(data.milestone)];
      if (months === undefined) return;
      const key = keyOf(FOLLOW_UPS, {
        candidate_id: str(data, "candidateId"),
        hired_on: str(data, "hiredOn"),
        months,
      });
      const row = rows.followUps.rows.get(key);
      if (row !== undefined && row.done_on === null)
        change(rows.followUps, key, { done_on: str(data, "contactedOn") });
      return;
    }
    case "CandidateWithdrew":
      setCase({ state: "withdrawn", open: 0 });
      return;
    case "CaseClosed":
      setCase({ state: "closed", open: 0 });
      return;
    case "OpportunityOffered": {
      const row: Row = {
        opportunity_id: str(data, "opportunityId"),
        company_id: str(data, "companyId"),
        kind: str(data, "kind"),
        occupation_group: str(data, "occupationGroup"),
        positions: Number(data.positions),
        offered_on: day(event),
        open: 1,
      };
      insert(rows.opportunities, keyOf(OPPORTUNITIES, row), row);
      return;
    }
    case "CompanyLeftBoard":
      for (const [key, row] of rows.opportunities.rows)
        if (row.company_id === str(data, "companyId")) change(rows.opportunities, key, { open: 0 });
      return;
    case "ProjectSubmitted":
      insert(rows.projects, project(), {
        project_id: str(data, "projectId"),
        kind: str(data, "kind"),
        state: "waiting",
        promoters: Array.isArray(data.promoterCandidateIds) ? data.promoterCandidateIds.length : 0,
        requested_grant_cents: Number(data.requestedGrantCents),
        granted_cents: null,
        jobs_created: 0,
        submitted_on: day(event),
        state_since: day(event),
      });
      return;
    case "ProjectEvaluationStarted":
      change(rows.projects, project(), { state: "under_evaluation", state_since: day(event) });
      return;
    case "ProjectFoundNotEligible":
      change(rows.projects, project(), { state: "not_eligible", state_since: day(event) });
      return;
    case "ProjectApproved":
      change(rows.projects, project(), {
        state: "approved",
        state_since: day(event),
        granted_cents: Number(data.grantCents),
      });
      return;
    case "ProjectJobsCreated": {
      const row = rows.projects.rows.get(project());
      if (row !== undefined)
        change(rows.projects, project(), { jobs_created: Number(row.jobs_created) + Number(data.jobs) });
      return;
    }
    default:
      return;
  }
};
