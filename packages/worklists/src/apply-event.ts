import type { RecordedEvent } from "@insieme/kernel";
import type { SqlExecutor } from "./sql-database.js";

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string => String(data[key]);
const day = (event: RecordedEvent): string => event.occurredAt.slice(0, 10);

/**
 * Applies one event to the work-list rows (one pass: each event touches the rows of its own case or company).
 * Events of other types change nothing.
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
  switch (event.type) {
    case "CandidateApplied":
      await tx.run(
        `INSERT INTO worklist_cases (candidate_id, person_key, state, operator, applied_on, open, updated_position)
         VALUES (?, ?, 'applied', ?, ?, 1, ?) ON CONFLICT (candidate_id) DO NOTHING`,
        [str(data, "candidateId"), str(data, "personKey"), operator, str(data, "appliedOn"), at],
      );
      return;
    case "CandidateScreened":
      await setCase("state = ?, screened_on = ?, open = ?", [
        data.outcome === "not_in_target" ? "not_in_target" : "screened",
        day(event),
        data.outcome === "not_in_target" ? 0 : 1,
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
    case "CandidateHired":
      await setCase("state = 'hired', proposal_id = NULL, proposal_company = NULL, proposed_on = NULL", []);
      return;
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
    default:
      return;
  }
};
