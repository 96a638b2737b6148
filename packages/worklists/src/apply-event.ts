import type { RecordedEvent } from "@insieme/kernel";
import { addMonths } from "./calendar.js";
import type { SqlExecutor } from "./sql-database.js";

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string => String(data[key]);
const day = (event: RecordedEvent): string => event.occurredAt.slice(0, 10);
const record = (value: unknown): Data => (typeof value === "object" && value !== null ? (value as Data) : {});

/** After a hiring, the programme contacts the person and the employer this many months later. */
export const FOLLOW_UP_MONTHS = [6, 12] as const;

/**
 * Applies one event to the work-list rows (one pass: each event touches the rows of its own case, company or
 * project). Events of other types change nothing.
 */
export const applyEvent = async (tx: SqlExecutor, event: RecordedEvent): Promise<void> => {
  const data = event.data as Data;
  const at = event.position;
  const operator = event.actor.id;
  const setCase = (assignments: string, params: readonly unknown[]) =>
    tx.run(
      `UPDATE worklist_cases SET ${assignments}, operator = ?, updated_position = ? WHERE candidate_id = ?`,
      [...params, operator, at, str(data, "candidateId")],
    );
  const setProject = (state: string, extra = "", params: readonly unknown[] = []) =>
    tx.run(`UPDATE worklist_projects SET state = ?, state_since = ?${extra} WHERE project_id = ?`, [
      state,
      day(event),
      ...params,
      str(data, "projectId"),
    ]);
  switch (event.type) {
    case "CandidateApplied": {
      const residence = record(record(data.profile).residence);
      await tx.run(
        `INSERT INTO worklist_cases (candidate_id, person_key, state, operator, channel, municipality, area, applied_on,
           open, updated_position)
         VALUES (?, ?, 'applied', ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (candidate_id) DO NOTHING`,
        [
          str(data, "candidateId"),
          str(data, "personKey"),
          operator,
          str(data, "channel"),
          String(residence.municipalityIstat),
          typeof residence.quartiere === "string" ? residence.quartiere : null,
          str(data, "appliedOn"),
          at,
        ],
      );
      return;
    }
    case "CandidateScreened":
      await setCase("state = ?, screened_on = ?, open = ?", [
        data.outcome === "in_target" ? "screened" : String(data.outcome),
        day(event),
        data.outcome === "in_target" ? 1 : 0,
      ]);
      return;
    case "FirstInterviewHeld":
      await setCase("state = 'interviewed', interviewed_on = ?", [str(data, "heldOn")]);
      return;
    case "PlacementProposed":
      await setCase("state = 'proposed', proposal_id = ?, proposal_company = ?, proposed_on = ?", [
        str(data, "proposalId"),
        str(data, "companyId"),
        day(event),
      ]);
      return;
    case "OfferRefused":
      await setCase(
        "state = 'interviewed', proposal_id = NULL, proposal_company = NULL, proposed_on = NULL",
        [],
      );
      return;
    case "InternshipStarted":
      await setCase(
        "state = 'internship', proposal_id = NULL, proposal_company = NULL, proposed_on = NULL, internship_id = ?, internship_company = ?, internship_end = ?",
        [str(data, "internshipId"), str(data, "companyId"), str(data, "plannedEndDate")],
      );
      return;
    case "InternshipEnded":
      await setCase("state = 'internship_ended', internship_id = NULL, internship_end = NULL", []);
      return;
    case "CandidateHired": {
      await setCase("state = 'hired', proposal_id = NULL, proposal_company = NULL, proposed_on = NULL", []);
      const hiredOn = str(data, "hiredOn");
      for (const months of FOLLOW_UP_MONTHS)
        await tx.run(
          `INSERT INTO worklist_follow_ups (candidate_id, company_id, hired_on, months, due_on, done_on)
           VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (candidate_id, hired_on, months) DO NOTHING`,
          [str(data, "candidateId"), str(data, "companyId"), hiredOn, months, addMonths(hiredOn, months)],
        );
      return;
    }
    case "CaseClosed":
      await setCase("state = 'closed', open = 0", []);
      return;
    case "OpportunityOffered":
      await tx.run(
        `INSERT INTO worklist_opportunities (opportunity_id, company_id, kind, occupation_group, positions, offered_on, open)
         VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (opportunity_id) DO NOTHING`,
        [
          str(data, "opportunityId"),
          str(data, "companyId"),
          str(data, "kind"),
          str(data, "occupationGroup"),
          Number(data.positions),
          day(event),
        ],
      );
      return;
    case "CompanyLeftBoard":
      await tx.run("UPDATE worklist_opportunities SET open = 0 WHERE company_id = ?", [
        str(data, "companyId"),
      ]);
      return;
    case "ProjectSubmitted":
      await tx.run(
        `INSERT INTO worklist_projects (project_id, kind, state, promoters, requested_grant_cents, granted_cents,
           jobs_created, submitted_on, state_since)
         VALUES (?, ?, 'waiting', ?, ?, NULL, 0, ?, ?) ON CONFLICT (project_id) DO NOTHING`,
        [
          str(data, "projectId"),
          str(data, "kind"),
          Array.isArray(data.promoterCandidateIds) ? data.promoterCandidateIds.length : 0,
          Number(data.requestedGrantCents),
          day(event),
          day(event),
        ],
      );
      return;
    case "ProjectEvaluationStarted":
      await setProject("under_evaluation");
      return;
    case "ProjectFoundNotEligible":
      await setProject("not_eligible");
      return;
    case "ProjectApproved":
      await setProject("approved", ", granted_cents = ?", [Number(data.grantCents)]);
      return;
    case "ProjectJobsCreated":
      await tx.run("UPDATE worklist_projects SET jobs_created = jobs_created + ? WHERE project_id = ?", [
        Number(data.jobs),
        str(data, "projectId"),
      ]);
      return;
    default:
      return;
  }
};
