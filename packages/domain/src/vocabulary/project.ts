import { z } from "zod";

/** Self-employment (autoimpiego) or social project (calls for non-profits). */
export const ProjectKind = z.enum(["autoimpiego", "sociale"]);
export type ProjectKind = z.infer<typeof ProjectKind>;

export const ProjectNotEligibleReason = z.enum([
  "requirements_not_met",
  "business_plan_not_sustainable",
  "incomplete_documents",
  "withdrawn",
  "other",
]);
export type ProjectNotEligibleReason = z.infer<typeof ProjectNotEligibleReason>;

/** Why a promoter withdrew a project (before a decision, or after its approval). */
export const ProjectWithdrawalReason = z.enum(["promoter_gave_up", "found_other_funding", "other"]);
export type ProjectWithdrawalReason = z.infer<typeof ProjectWithdrawalReason>;

/** Why an approval was revoked (the grant still committed goes back to the fund). */
export const ApprovalRevocationReason = z.enum([
  "requirements_no_longer_met",
  "project_not_started",
  "false_declarations",
  "other",
]);
export type ApprovalRevocationReason = z.infer<typeof ApprovalRevocationReason>;
