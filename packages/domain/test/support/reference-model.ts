import type { RecordedEvent } from "@insieme/kernel";
import { expect } from "vitest";

type Data = Record<string, unknown> & { [k: string]: never | unknown };
const d = (e: RecordedEvent) => e.data as Data;

/**
 * An independent reading of a candidate stream: walks its events and fails on any step the path does not allow
 * (nothing before the application, no interview before the screening, no path before the interview, no hiring
 * without a proposal or internship, one internship at a time, nothing after the end). Returns the final status.
 */
export const walkCandidatePath = (events: readonly RecordedEvent[]): string => {
  let status = "none";
  let activeInternship: string | null = null;
  const proposals = new Map<string, { company: string; open: boolean }>();
  const internships = new Map<string, string>();
  const at = (e: RecordedEvent, allowed: string[]) =>
    expect(allowed, `${e.type} at revision ${e.revision} in status ${status}`).toContain(status);
  for (const e of events) {
    const data = d(e);
    switch (e.type) {
      case "CandidateApplied":
        at(e, ["none"]);
        status = "applied";
        break;
      case "CandidateScreened":
        at(e, ["applied"]);
        status = data.outcome === "in_target" ? "in_target" : "out_of_target";
        break;
      case "SocialServicesCrossChecked":
        at(e, ["in_target", "active"]);
        break;
      case "FirstInterviewHeld":
        at(e, ["in_target"]);
        if (data.outcome === "immediately_placeable" || data.outcome === "empowerment_path")
          status = "active";
        else if (data.outcome !== "no_show") status = "exited";
        break;
      case "EmpowermentActivityStarted":
      case "EmpowermentActivityEnded":
      case "ProjectPathLinked":
        at(e, ["active"]);
        break;
      case "PlacementProposed":
        at(e, ["active"]);
        proposals.set(data.proposalId as string, { company: data.companyId as string, open: true });
        break;
      case "OfferRefused": {
        at(e, ["active"]);
        const p = proposals.get(data.proposalId as string);
        expect(p?.open, "refusal of an open proposal").toBe(true);
        if (p !== undefined) p.open = false;
        break;
      }
      case "InternshipStarted": {
        at(e, ["active"]);
        expect(activeInternship, "one active internship").toBeNull();
        const p = proposals.get(data.proposalId as string);
        expect(
          p?.open && p.company === data.companyId,
          "internship from an open proposal of its company",
        ).toBe(true);
        if (p !== undefined) p.open = false;
        activeInternship = data.internshipId as string;
        internships.set(activeInternship, data.companyId as string);
        break;
      }
      case "InternshipEnded":
        at(e, ["active"]);
        expect(activeInternship).toBe(data.internshipId);
        activeInternship = null;
        break;
      case "CandidateHired": {
        at(e, ["active"]);
        expect(activeInternship, "no hiring during an internship").toBeNull();
        const viaProposal =
          data.proposalId !== null && proposals.get(data.proposalId as string)?.company === data.companyId;
        const viaInternship =
          data.internshipId !== null && internships.get(data.internshipId as string) === data.companyId;
        expect(viaProposal || viaInternship, "hiring follows a proposal or internship of the company").toBe(
          true,
        );
        break;
      }
      case "CaseNoteRecorded":
        at(e, ["applied", "in_target", "active"]);
        break;
      case "CaseClosed":
        at(e, ["applied", "in_target", "active"]);
        expect(activeInternship).toBeNull();
        status = "closed";
        break;
      default:
        throw new Error(`unexpected ${e.type} in a candidate stream`);
    }
  }
  return status;
};

/** Fund invariant at every event: per source, committed minus released never exceeds the budget. */
export const checkFund = (events: readonly RecordedEvent[]): void => {
  const budget = new Map<string, number>();
  const committed = new Map<string, number>();
  const left = new Map<string, number>();
  for (const e of events) {
    const data = d(e);
    const source = data.source as string;
    const amount = data.amountCents as number;
    if (e.type === "FundBudgetAllocated") budget.set(source, amount);
    if (e.type === "FundCommitted") {
      committed.set(source, (committed.get(source) ?? 0) + amount);
      left.set(data.commitmentId as string, amount);
    }
    if (e.type === "FundCommitmentReleased") {
      const rest = left.get(data.commitmentId as string) ?? 0;
      expect(amount).toBeLessThanOrEqual(rest);
      left.set(data.commitmentId as string, rest - amount);
      committed.set(source, (committed.get(source) ?? 0) - amount);
    }
    expect(committed.get(source) ?? 0, `fund ${source} over-committed`).toBeLessThanOrEqual(
      budget.get(source) ?? 0,
    );
  }
};

/** Project states in order: submitted (waiting) → under evaluation → not eligible | approved → jobs. */
export const walkProject = (events: readonly RecordedEvent[]): string => {
  let status = "none";
  for (const e of events) {
    const step = (from: string, to: string) => {
      expect(status, `${e.type} in status ${status}`).toBe(from);
      status = to;
    };
    if (e.type === "ProjectSubmitted") step("none", "waiting");
    else if (e.type === "ProjectEvaluationStarted") step("waiting", "under_evaluation");
    else if (e.type === "ProjectFoundNotEligible") step("under_evaluation", "not_eligible");
    else if (e.type === "ProjectApproved") step("under_evaluation", "approved");
    else if (e.type === "ProjectJobsCreated") step("approved", "approved");
    else throw new Error(`unexpected ${e.type} in a project stream`);
  }
  return status;
};
