import type { Decider, DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import { type CorrectCommand, correctable } from "../corrections/correctable.js";
import { skipped } from "../corrections/step-checks.js";
import type { ProjectEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import type {
  ApprovalRevocationReason,
  ProjectKind,
  ProjectNotEligibleReason,
  ProjectWithdrawalReason,
} from "../vocabulary/project.js";

/**
 * Submitted projects wait ("in attesa") until evaluated; every submitted project is in exactly one state. A
 * project its promoter withdrew (`withdrawn`) and one whose approval was revoked (`revoked`) are states of their
 * own, not "non idonei".
 */
export type ProjectStatus =
  | "none"
  | "waiting"
  | "under_evaluation"
  | "not_eligible"
  | "approved"
  | "withdrawn"
  | "revoked";

export interface ProjectState {
  readonly status: ProjectStatus;
  readonly projectId: string | null;
  readonly kind: ProjectKind | null;
  readonly promoterCandidateIds: readonly string[];
  readonly requestedGrantCents: number;
  readonly requestedMicrocreditCents: number;
  readonly grantCents: number;
  readonly microcreditCents: number;
  readonly commitmentId: string | null;
  readonly fundYear: number | null;
  readonly jobsCreated: number;
}

export const initialProjectState: ProjectState = {
  status: "none",
  projectId: null,
  kind: null,
  promoterCandidateIds: [],
  requestedGrantCents: 0,
  requestedMicrocreditCents: 0,
  grantCents: 0,
  microcreditCents: 0,
  commitmentId: null,
  fundYear: null,
  jobsCreated: 0,
};

/** A kind of project's highest grant and microcredit (configuration `projects`; null: no limit). */
export interface ProjectLimits {
  readonly grantLimitCents: number | null;
  readonly microcreditLimitCents: number | null;
}

export type ProjectCommand =
  | {
      readonly kind: "Submit";
      readonly projectId: string;
      readonly projectKind: ProjectKind;
      readonly promoterCandidateIds: readonly string[];
      readonly requestedGrantCents: number;
      readonly requestedMicrocreditCents: number;
      readonly limits: Readonly<Record<ProjectKind, ProjectLimits>>;
    }
  | { readonly kind: "StartEvaluation" }
  | { readonly kind: "FindNotEligible"; readonly reason: ProjectNotEligibleReason }
  | {
      readonly kind: "Approve";
      readonly grantCents: number;
      readonly microcreditCents: number;
      readonly commitmentId: string | null;
      readonly fundYear: number | null;
      readonly limits: Readonly<Record<ProjectKind, ProjectLimits>>;
    }
  | { readonly kind: "RecordJobs"; readonly jobs: number }
  | {
      readonly kind: "Withdraw";
      readonly reason: ProjectWithdrawalReason;
      /** What is still committed of the grant on the fund (0 without a grant). */
      readonly releasableCents: number;
    }
  | {
      readonly kind: "RevokeApproval";
      readonly reason: ApprovalRevocationReason;
      readonly releasableCents: number;
    };

type Decision = Either<DomainError, readonly ProjectEvent[]>;

const euro = (cents: number | null): string => (cents === null ? "no limit" : `€${(cents / 100).toFixed(2)}`);

const overLimit = (
  limits: ProjectLimits,
  kind: ProjectKind,
  grantCents: number,
  microcreditCents: number,
): Decision | null =>
  (limits.grantLimitCents !== null && grantCents > limits.grantLimitCents) ||
  (limits.microcreditLimitCents !== null && microcreditCents > limits.microcreditLimitCents)
    ? reject(
        "project-request-over-limit",
        `${kind} projects get at most ${euro(limits.grantLimitCents)} grant and ${euro(limits.microcreditLimitCents)} microcredit`,
        {
          grantCents,
          microcreditCents,
          grantLimitCents: limits.grantLimitCents,
          microcreditLimitCents: limits.microcreditLimitCents,
        },
      )
    : null;

const decide = (c: ProjectCommand, s: ProjectState): Decision => {
  if (c.kind === "Submit") {
    if (s.status !== "none") return reject("project-already-submitted", `project ${s.projectId} exists`);
    return (
      overLimit(c.limits[c.projectKind], c.projectKind, c.requestedGrantCents, c.requestedMicrocreditCents) ??
      accept({
        type: "ProjectSubmitted",
        data: {
          projectId: c.projectId,
          kind: c.projectKind,
          promoterCandidateIds: [...c.promoterCandidateIds],
          requestedGrantCents: c.requestedGrantCents,
          requestedMicrocreditCents: c.requestedMicrocreditCents,
        },
      })
    );
  }
  if (s.status === "none" || s.projectId === null || s.kind === null)
    return reject("project-not-found", "no such project");
  const ids = { projectId: s.projectId, kind: s.kind };
  switch (c.kind) {
    case "StartEvaluation":
      return s.status === "waiting"
        ? accept({ type: "ProjectEvaluationStarted", data: ids })
        : reject("evaluation-requires-waiting-project", `project is ${s.status}`);
    case "FindNotEligible":
      return s.status === "under_evaluation"
        ? accept({ type: "ProjectFoundNotEligible", data: { ...ids, reason: c.reason } })
        : reject("decision-requires-evaluation", `project is ${s.status}, not under evaluation`);
    case "Approve":
      if (s.status !== "under_evaluation")
        return reject("decision-requires-evaluation", `project is ${s.status}, not under evaluation`);
      return (
        overLimit(c.limits[s.kind], s.kind, c.grantCents, c.microcreditCents) ??
        accept({
          type: "ProjectApproved",
          data: {
            ...ids,
            grantCents: c.grantCents,
            microcreditCents: c.microcreditCents,
            commitmentId: c.commitmentId,
            fundYear: c.fundYear,
          },
        })
      );
    case "RecordJobs":
      return s.status === "approved"
        ? accept({ type: "ProjectJobsCreated", data: { ...ids, jobs: c.jobs } })
        : reject("jobs-require-approved-project", `project is ${s.status}`);
    case "Withdraw": {
      if (s.status !== "waiting" && s.status !== "under_evaluation" && s.status !== "approved")
        return reject("withdrawal-requires-open-project", `project is ${s.status}`);
      const grant = s.status === "approved" ? releaseOf(s, c.releasableCents) : NO_RELEASE;
      return accept({ type: "ProjectWithdrawn", data: { ...ids, reason: c.reason, ...grant } });
    }
    case "RevokeApproval":
      if (s.status !== "approved")
        return reject("revocation-requires-approved-project", `project is ${s.status}`);
      return accept({
        type: "ProjectApprovalRevoked",
        data: { ...ids, reason: c.reason, ...releaseOf(s, c.releasableCents) },
      });
  }
};

const NO_RELEASE = { releasedCents: 0, commitmentId: null, fundYear: null } as const;

/** The grant's commitment and what of it goes back to the fund. */
const releaseOf = (s: ProjectState, releasableCents: number) =>
  s.commitmentId === null || s.fundYear === null
    ? NO_RELEASE
    : {
        releasedCents: Math.max(0, Math.min(releasableCents, s.grantCents)),
        commitmentId: s.commitmentId,
        fundYear: s.fundYear,
      };

const evolve = (s: ProjectState, event: ProjectEvent): ProjectState => {
  if (event.type === "FactCorrected") return s;
  switch (event.type) {
    case "ProjectSubmitted": {
      const d = event.data;
      return {
        ...s,
        status: "waiting",
        projectId: d.projectId,
        kind: d.kind,
        promoterCandidateIds: d.promoterCandidateIds,
        requestedGrantCents: d.requestedGrantCents,
        requestedMicrocreditCents: d.requestedMicrocreditCents,
      };
    }
    case "ProjectEvaluationStarted":
      return { ...s, status: "under_evaluation" };
    case "ProjectFoundNotEligible":
      return { ...s, status: "not_eligible" };
    case "ProjectApproved": {
      const d = event.data;
      return {
        ...s,
        status: "approved",
        grantCents: d.grantCents,
        microcreditCents: d.microcreditCents,
        commitmentId: d.commitmentId,
        fundYear: d.fundYear,
      };
    }
    case "ProjectJobsCreated":
      return { ...s, jobsCreated: s.jobsCreated + event.data.jobs };
    case "ProjectWithdrawn":
      return { ...s, status: "withdrawn" };
    case "ProjectApprovalRevoked":
      return { ...s, status: "revoked" };
  }
};

/** Where each project event may stand (for corrections). */
export const projectStepCheck = (s: ProjectState, e: ProjectEvent): DomainError | null => {
  const need = (statuses: readonly string[]): DomainError | null =>
    statuses.includes(s.status) ? null : skipped(e.type, s.status, statuses.join(" or "));
  switch (e.type) {
    case "ProjectSubmitted":
      return need(["none"]);
    case "ProjectEvaluationStarted":
      return need(["waiting"]);
    case "ProjectFoundNotEligible":
    case "ProjectApproved":
      return need(["under_evaluation"]);
    case "ProjectJobsCreated":
    case "ProjectApprovalRevoked":
      return need(["approved"]);
    case "ProjectWithdrawn":
      return need(["waiting", "under_evaluation", "approved"]);
    case "FactCorrected":
      return null;
  }
};

/** A self-employment or social project, one stream per project (`project-<id>`). */
export const projectDecider: Decider<ProjectCommand | CorrectCommand, ProjectState, ProjectEvent> =
  correctable({ initialState: initialProjectState, evolve, decide }, projectStepCheck);
