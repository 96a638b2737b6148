import { defineEvent } from "@insieme/kernel";
import { z } from "zod";
import { Cents } from "../vocabulary/fund.js";
import {
  ApprovalRevocationReason,
  ProjectKind,
  ProjectNotEligibleReason,
  ProjectWithdrawalReason,
} from "../vocabulary/project.js";
import { Id } from "./common.js";

/** A submitted project is "in attesa" (waiting) until its evaluation starts. */
export const ProjectSubmitted = defineEvent(
  "ProjectSubmitted",
  z.object({
    projectId: Id,
    kind: ProjectKind,
    /** Candidates promoting the project (self-employment); empty for a non-profit's social project. */
    promoterCandidateIds: z.array(Id),
    requestedGrantCents: Cents,
    requestedMicrocreditCents: Cents,
  }),
);

export const ProjectEvaluationStarted = defineEvent(
  "ProjectEvaluationStarted",
  z.object({ projectId: Id, kind: ProjectKind }),
);

export const ProjectFoundNotEligible = defineEvent(
  "ProjectFoundNotEligible",
  z.object({ projectId: Id, kind: ProjectKind, reason: ProjectNotEligibleReason }),
);

/** Approved and funded: the grant is committed on the fund of `fundYear` (null when no grant is given). */
export const ProjectApproved = defineEvent(
  "ProjectApproved",
  z.object({
    projectId: Id,
    kind: ProjectKind,
    grantCents: Cents,
    microcreditCents: Cents,
    commitmentId: Id.nullable(),
    fundYear: z.number().int().nullable(),
  }),
);

/** Jobs created by an approved project; repeated events add up. */
export const ProjectJobsCreated = defineEvent(
  "ProjectJobsCreated",
  z.object({ projectId: Id, kind: ProjectKind, jobs: z.number().int().min(1).max(10_000) }),
);

/**
 * The promoter withdrew the project (waiting, under evaluation or approved). A grant still committed goes back to
 * the fund (`releasedCents` on `commitmentId` of `fundYear`, 0 and null when there was none).
 */
export const ProjectWithdrawn = defineEvent(
  "ProjectWithdrawn",
  z.object({
    projectId: Id,
    kind: ProjectKind,
    reason: ProjectWithdrawalReason,
    releasedCents: Cents,
    commitmentId: Id.nullable(),
    fundYear: z.number().int().nullable(),
  }),
);

/** The approval was revoked; the grant still committed goes back to the fund. */
export const ProjectApprovalRevoked = defineEvent(
  "ProjectApprovalRevoked",
  z.object({
    projectId: Id,
    kind: ProjectKind,
    reason: ApprovalRevocationReason,
    releasedCents: Cents,
    commitmentId: Id.nullable(),
    fundYear: z.number().int().nullable(),
  }),
);

export const projectEvents = [
  ProjectSubmitted,
  ProjectEvaluationStarted,
  ProjectFoundNotEligible,
  ProjectApproved,
  ProjectJobsCreated,
  ProjectWithdrawn,
  ProjectApprovalRevoked,
] as const;
