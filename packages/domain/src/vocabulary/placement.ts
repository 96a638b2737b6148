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
