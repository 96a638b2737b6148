import { z } from "zod";
import { Id } from "../events/common.js";
import { Cents, FundSource, ReleaseReason } from "../vocabulary/fund.js";
import {
  ApprovalRevocationReason,
  ProjectKind,
  ProjectNotEligibleReason,
  ProjectWithdrawalReason,
} from "../vocabulary/project.js";

export const SubmitProject = z.strictObject({
  projectId: Id,
  kind: ProjectKind,
  promoterCandidateIds: z.array(Id).max(50),
  requestedGrantCents: Cents,
  requestedMicrocreditCents: Cents,
});

export const StartProjectEvaluation = z.strictObject({ projectId: Id });

export const RejectProject = z.strictObject({ projectId: Id, reason: ProjectNotEligibleReason });

export const ApproveProject = z.strictObject({
  projectId: Id,
  /** Committed on the fund of the approval's year when greater than zero. */
  grantCents: Cents,
  microcreditCents: Cents,
  source: FundSource,
});

export const RecordProjectJobs = z.strictObject({ projectId: Id, jobs: z.number().int().min(1).max(10_000) });

/** The promoter withdraws the project; a grant still committed goes back to the fund. */
export const WithdrawProject = z.strictObject({ projectId: Id, reason: ProjectWithdrawalReason });

/** An approval is revoked; the grant still committed goes back to the fund. */
export const RevokeProjectApproval = z.strictObject({ projectId: Id, reason: ApprovalRevocationReason });

export const AllocateBudget = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  source: FundSource,
  amountCents: Cents,
});

export const ReleaseCommitment = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  commitmentId: Id,
  amountCents: Cents.min(1),
  reason: ReleaseReason,
});
