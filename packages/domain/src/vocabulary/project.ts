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
