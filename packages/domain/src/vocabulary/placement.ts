import { z } from "zod";

export const ContractType = z.enum(["permanent", "fixed_term", "on_call", "apprenticeship", "other"]);
export type ContractType = z.infer<typeof ContractType>;

/** First placement of the person in the programme, or a later one. */
export const PlacementOrder = z.enum(["first_time", "repeat"]);
export type PlacementOrder = z.infer<typeof PlacementOrder>;

/** Reasons offers were refused, as in the programme's statistics (distance, contract type, health, ...). */
export const OfferRefusalReason = z.enum([
  "distance",
  "contract_type",
  "health",
  "working_hours",
  "pay",
  "other",
]);
export type OfferRefusalReason = z.infer<typeof OfferRefusalReason>;

export const RefusedBy = z.enum(["candidate", "company"]);
export type RefusedBy = z.infer<typeof RefusedBy>;

export const InternshipEndReason = z.enum(["completed", "interrupted", "hired"]);
export type InternshipEndReason = z.infer<typeof InternshipEndReason>;

export const CaseCloseReason = z.enum(["autonomy", "dropped_out", "moved", "other"]);
export type CaseCloseReason = z.infer<typeof CaseCloseReason>;

/** Why a closed case is re-opened (no free text: a reason may not carry personal data). */
export const ReopenReason = z.enum(["returned", "closed_in_error", "new_need", "other"]);
export type ReopenReason = z.infer<typeof ReopenReason>;

/** Where a re-opened case resumes: the open status it was closed from. */
export const OpenStatus = z.enum(["applied", "in_target", "active"]);
export type OpenStatus = z.infer<typeof OpenStatus>;

/** Why a contract of employment ended (after a hiring recorded by the programme). */
export const ContractEndReason = z.enum([
  "term_expired",
  "resigned",
  "dismissed",
  "mutual_agreement",
  "probation_not_passed",
  "other",
]);
export type ContractEndReason = z.infer<typeof ContractEndReason>;

/**
 * Which follow-up contact after a hiring ("accompagnamento nel tempo"): the 6- and 12-month checks the
 * `placementDurability` statistic reads, or any other contact in between.
 */
export const FollowUpMilestone = z.enum(["month_6", "month_12", "contact"]);
export type FollowUpMilestone = z.infer<typeof FollowUpMilestone>;

/** The person's employment status as found at a follow-up contact. */
export const EmploymentStatus = z.enum([
  "employed_same_employer",
  "employed_other_employer",
  "not_employed",
  "unreachable",
]);
export type EmploymentStatus = z.infer<typeof EmploymentStatus>;

/** Why a person withdrew before their first interview. */
export const WithdrawalReason = z.enum(["not_interested", "found_work", "moved", "unreachable", "other"]);
export type WithdrawalReason = z.infer<typeof WithdrawalReason>;
