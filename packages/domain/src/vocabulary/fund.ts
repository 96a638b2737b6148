import { z } from "zod";

/** Who pays: one of the configuration's `fundSources` (Bologna: `comune_bologna`, `arcidiocesi`). */
export const FundSource = z
  .string()
  .regex(/^[a-z0-9_]{1,64}$/, "expected a fund source id (1-64 lowercase letters, digits or _)");
export type FundSource = z.infer<typeof FundSource>;

export const CommitmentPurpose = z.enum(["internship", "project_grant"]);
export type CommitmentPurpose = z.infer<typeof CommitmentPurpose>;

export const ReleaseReason = z.enum(["internship_ended", "project_cancelled", "unused", "other"]);
export type ReleaseReason = z.infer<typeof ReleaseReason>;

/** Euro cents: integer, never negative. Up to 100 M€ in one amount. */
export const Cents = z.number().int().min(0).max(10_000_000_000);
