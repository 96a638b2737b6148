import { z } from "zod";

/** Who pays: Comune di Bologna (10 M€) and Arcidiocesi di Bologna (4 M€) over four years. */
export const FundSource = z.enum(["comune_bologna", "arcidiocesi"]);
export type FundSource = z.infer<typeof FundSource>;

export const CommitmentPurpose = z.enum(["internship", "project_grant"]);
export type CommitmentPurpose = z.infer<typeof CommitmentPurpose>;

export const ReleaseReason = z.enum(["internship_ended", "project_cancelled", "unused", "other"]);
export type ReleaseReason = z.infer<typeof ReleaseReason>;

/** Euro cents: integer, never negative. Up to 100 M€ in one amount. */
export const Cents = z.number().int().min(0).max(10_000_000_000);
