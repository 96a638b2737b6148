import { z } from "zod";

export const ScreeningOutcome = z.enum(["in_target", "fragility_conclamata", "not_in_target"]);
export type ScreeningOutcome = z.infer<typeof ScreeningOutcome>;

/** Why an applicant is not in the programme's target. */
export const NotInTargetReason = z.enum([
  "outside_metro_area",
  "not_unemployed",
  "in_other_active_measure",
  "no_difficulty",
  "other",
]);
export type NotInTargetReason = z.infer<typeof NotInTargetReason>;

export const RuleResult = z.enum(["met", "not_met"]);
export type RuleResult = z.infer<typeof RuleResult>;

/** Result of the cross-check with Bologna's social services ("nuovi bisogni intercettati" when unknown). */
export const SocialServicesResult = z.enum(["known", "unknown"]);
export type SocialServicesResult = z.infer<typeof SocialServicesResult>;
