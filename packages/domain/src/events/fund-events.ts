import { defineEvent } from "@insieme/kernel";
import { z } from "zod";
import { Cents, CommitmentPurpose, FundSource, ReleaseReason } from "../vocabulary/fund.js";
import { Id } from "./common.js";

/** One stream per budget year: the year's budget by source, and what is committed against it. */
export const FundBudgetAllocated = defineEvent(
  "FundBudgetAllocated",
  z.object({ year: z.number().int(), source: FundSource, amountCents: Cents }),
);

export const FundCommitted = defineEvent(
  "FundCommitted",
  z.object({
    year: z.number().int(),
    commitmentId: Id,
    source: FundSource,
    purpose: CommitmentPurpose,
    amountCents: Cents,
    candidateId: Id.nullable(),
    internshipId: Id.nullable(),
    projectId: Id.nullable(),
  }),
);

export const FundCommitmentReleased = defineEvent(
  "FundCommitmentReleased",
  z.object({
    year: z.number().int(),
    commitmentId: Id,
    source: FundSource,
    amountCents: Cents,
    reason: ReleaseReason,
  }),
);

export const fundEvents = [FundBudgetAllocated, FundCommitted, FundCommitmentReleased] as const;
