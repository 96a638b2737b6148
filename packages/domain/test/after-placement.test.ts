import {
  type CandidateCommand,
  type CandidateEvent,
  candidateDecider,
  type ProjectCommand,
  type ProjectEvent,
  projectDecider,
} from "@insieme/domain";
import { deciderSpec } from "@insieme/testing";
import { describe, it } from "vitest";
import { activeCandidate, applied, interviewed, proposed, screened } from "./support/events.js";

const candidate = deciderSpec(candidateDecider);
const project = deciderSpec(projectDecider);

const hired = (hiredOn = "2018-05-10", companyId = "acme"): CandidateEvent => ({
  type: "CandidateHired",
  data: {
    candidateId: "c1",
    companyId,
    hiredOn,
    proposalId: "p1",
    internshipId: null,
    contractType: "fixed_term",
    placementOrder: "first_time",
    daysFromFirstInterview: 61,
  },
});
const afterHiring: readonly CandidateEvent[] = [...activeCandidate, proposed(), hired()];
const closed: CandidateEvent = { type: "CaseClosed", data: { candidateId: "c1", reason: "autonomy" } };

const endContract = (endedOn: string, companyId = "acme"): CandidateCommand => ({
  kind: "EndContract",
  companyId,
  endedOn,
  reason: "term_expired",
});
const contractEnded = (endedOn: string, daysEmployed: number): CandidateEvent => ({
  type: "ContractEnded",
  data: {
    candidateId: "c1",
    companyId: "acme",
    hiredOn: "2018-05-10",
    endedOn,
    reason: "term_expired",
    daysEmployed,
  },
});
const followUp = (
  contactedOn: string,
  milestone: "month_6" | "month_12" | "contact",
  employmentStatus:
    | "employed_same_employer"
    | "employed_other_employer"
    | "not_employed"
    | "unreachable" = "employed_same_employer",
): CandidateCommand => ({
  kind: "RecordFollowUp",
  companyId: "acme",
  contactedOn,
  milestone,
  employmentStatus,
});
const followedUp = (
  contactedOn: string,
  milestone: "month_6" | "month_12" | "contact",
  employmentStatus: "employed_same_employer" | "not_employed" = "employed_same_employer",
): CandidateEvent => ({
  type: "PlacementFollowUpRecorded",
  data: {
    candidateId: "c1",
    companyId: "acme",
    hiredOn: "2018-05-10",
    contactedOn,
    milestone,
    employmentStatus,
  },
});

describe("candidate: withdrawal before the first interview", () => {
  const withdraw: CandidateCommand = { kind: "Withdraw", withdrawnOn: "2018-03-05", reason: "found_work" };
  const withdrew: CandidateEvent = {
    type: "CandidateWithdrew",
    data: { candidateId: "c1", withdrawnOn: "2018-03-05", reason: "found_work" },
  };
  it("given an application, a withdrawal is its own event (no interview held)", () =>
    candidate.given([applied()]).when(withdraw).thenEmits([withdrew]));
  it("given a screening in target (and a no-show), the withdrawal is recorded", () =>
    candidate
      .given([applied(), screened(), interviewed("no_show")])
      .when(withdraw)
      .thenEmits([withdrew]));
  it("withdrawal-after-first-interview: after the interview the case is closed instead", () =>
    candidate.given(activeCandidate).when(withdraw).thenRejects("withdrawal-after-first-interview"));
  it("case-not-open after the withdrawal: nothing more is recorded", () =>
    candidate
      .given([applied(), withdrew])
      .when({ kind: "CloseCase", reason: "other" })
      .thenRejects("case-not-open"));
  it("withdrawal-before-application", () =>
    candidate
      .given([applied()])
      .when({ ...withdraw, withdrawnOn: "2018-02-01" } as CandidateCommand)
      .thenRejects("withdrawal-before-application"));
  it("candidate-not-found", () => candidate.given([]).when(withdraw).thenRejects("candidate-not-found"));
});

describe("candidate: contract end", () => {
  it("given a hiring, the contract end names it and counts the days employed", () =>
    candidate
      .given(afterHiring)
      .when(endContract("2018-08-10"))
      .thenEmits([contractEnded("2018-08-10", 92)]));
  it("after the case closed (autonomy), the contract end is still recorded", () =>
    candidate
      .given([...afterHiring, closed])
      .when(endContract("2018-08-10"))
      .thenEmits([contractEnded("2018-08-10", 92)]));
  it("hiring-not-found for another company", () =>
    candidate.given(afterHiring).when(endContract("2018-08-10", "other")).thenRejects("hiring-not-found"));
  it("contract-already-ended", () =>
    candidate
      .given([...afterHiring, contractEnded("2018-08-10", 92)])
      .when(endContract("2018-09-10"))
      .thenRejects("contract-already-ended"));
  it("contract-end-before-hiring", () =>
    candidate.given(afterHiring).when(endContract("2018-05-01")).thenRejects("contract-end-before-hiring"));
});

describe("candidate: follow-ups after a hiring", () => {
  it("the 6-month follow-up, due on 2018-11-10, with the status found", () =>
    candidate
      .given(afterHiring)
      .when(followUp("2018-11-12", "month_6"))
      .thenEmits([followedUp("2018-11-12", "month_6")]));
  it("a milestone may be recorded up to 14 days before it is due", () =>
    candidate
      .given(afterHiring)
      .when(followUp("2018-10-27", "month_6"))
      .thenEmits([followedUp("2018-10-27", "month_6")]));
  it("follow-up-too-early", () =>
    candidate.given(afterHiring).when(followUp("2018-10-26", "month_6")).thenRejects("follow-up-too-early"));
  it("follow-up-already-recorded (a milestone once per hiring)", () =>
    candidate
      .given([...afterHiring, followedUp("2018-11-12", "month_6")])
      .when(followUp("2018-11-20", "month_6"))
      .thenRejects("follow-up-already-recorded"));
  it("other contacts may repeat, at any time after the hiring", () =>
    candidate
      .given([...afterHiring, followedUp("2018-06-01", "contact")])
      .when(followUp("2018-06-15", "contact", "employed_same_employer"))
      .thenEmits([followedUp("2018-06-15", "contact")]));
  it("follow-up-before-hiring", () =>
    candidate
      .given(afterHiring)
      .when(followUp("2018-05-01", "contact"))
      .thenRejects("follow-up-before-hiring"));
  it("follow-up-contradicts-contract-end: in post with the same employer after the contract ended", () =>
    candidate
      .given([...afterHiring, contractEnded("2018-08-10", 92)])
      .when(followUp("2018-11-10", "month_6"))
      .thenRejects("follow-up-contradicts-contract-end"));
  it("after the contract ended, the 6-month status is recorded as not employed", () =>
    candidate
      .given([...afterHiring, contractEnded("2018-08-10", 92)])
      .when(followUp("2018-11-10", "month_6", "not_employed"))
      .thenEmits([followedUp("2018-11-10", "month_6", "not_employed")]));
  it("hiring-not-found without a hiring", () =>
    candidate.given(activeCandidate).when(followUp("2018-11-10", "month_6")).thenRejects("hiring-not-found"));
  it("the 12-month follow-up after the case closed", () =>
    candidate
      .given([...afterHiring, closed])
      .when(followUp("2019-05-10", "month_12"))
      .thenEmits([followedUp("2019-05-10", "month_12")]));
});

describe("project: withdrawn by its promoter, approval revoked", () => {
  const submitted: ProjectEvent = {
    type: "ProjectSubmitted",
    data: {
      projectId: "pr1",
      kind: "autoimpiego",
      promoterCandidateIds: [],
      requestedGrantCents: 500_000,
      requestedMicrocreditCents: 0,
    },
  };
  const evaluating: ProjectEvent = {
    type: "ProjectEvaluationStarted",
    data: { projectId: "pr1", kind: "autoimpiego" },
  };
  const approved: ProjectEvent = {
    type: "ProjectApproved",
    data: {
      projectId: "pr1",
      kind: "autoimpiego",
      grantCents: 500_000,
      microcreditCents: 0,
      commitmentId: "cmd-approve",
      fundYear: 2018,
    },
  };
  const withdraw = (releasableCents = 0): ProjectCommand => ({
    kind: "Withdraw",
    reason: "promoter_gave_up",
    releasableCents,
  });
  const revoke: ProjectCommand = {
    kind: "RevokeApproval",
    reason: "project_not_started",
    releasableCents: 500_000,
  };
  it("a waiting project withdrawn by its promoter: no grant to release", () =>
    project
      .given([submitted])
      .when(withdraw())
      .thenEmits([
        {
          type: "ProjectWithdrawn",
          data: {
            projectId: "pr1",
            kind: "autoimpiego",
            reason: "promoter_gave_up",
            releasedCents: 0,
            commitmentId: null,
            fundYear: null,
          },
        },
      ]));
  it("an approved project withdrawn: what is still committed of the grant is released", () =>
    project
      .given([submitted, evaluating, approved])
      .when(withdraw(300_000))
      .thenEmits([
        {
          type: "ProjectWithdrawn",
          data: {
            projectId: "pr1",
            kind: "autoimpiego",
            reason: "promoter_gave_up",
            releasedCents: 300_000,
            commitmentId: "cmd-approve",
            fundYear: 2018,
          },
        },
      ]));
  it("withdrawal-requires-open-project: a project found not eligible cannot be withdrawn", () =>
    project
      .given([
        submitted,
        evaluating,
        { type: "ProjectFoundNotEligible", data: { projectId: "pr1", kind: "autoimpiego", reason: "other" } },
      ])
      .when(withdraw())
      .thenRejects("withdrawal-requires-open-project"));
  it("an approval revoked releases the grant", () =>
    project
      .given([submitted, evaluating, approved])
      .when(revoke)
      .thenEmits([
        {
          type: "ProjectApprovalRevoked",
          data: {
            projectId: "pr1",
            kind: "autoimpiego",
            reason: "project_not_started",
            releasedCents: 500_000,
            commitmentId: "cmd-approve",
            fundYear: 2018,
          },
        },
      ]));
  it("revocation-requires-approved-project", () =>
    project.given([submitted, evaluating]).when(revoke).thenRejects("revocation-requires-approved-project"));
  it("jobs-require-approved-project after a revocation", () =>
    project
      .given([
        submitted,
        evaluating,
        approved,
        {
          type: "ProjectApprovalRevoked",
          data: {
            projectId: "pr1",
            kind: "autoimpiego",
            reason: "other",
            releasedCents: 500_000,
            commitmentId: "cmd-approve",
            fundYear: 2018,
          },
        },
      ])
      .when({ kind: "RecordJobs", jobs: 1 })
      .thenRejects("jobs-require-approved-project"));
});
