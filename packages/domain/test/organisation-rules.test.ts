import {
  type CompanyCommand,
  type CompanyEvent,
  type ConfigurationVersion,
  companyDecider,
  type FundCommand,
  type FundEvent,
  fundDecider,
  ILLUSTRATIVE_CONFIGURATION,
  type PersonEvent,
  type ProjectCommand,
  type ProjectEvent,
  personDecider,
  projectDecider,
} from "@insieme/domain";
import { deciderSpec } from "@insieme/testing";
import { describe, it } from "vitest";

describe("company", () => {
  const spec = deciderSpec(companyDecider);
  const join: CompanyCommand = {
    kind: "JoinBoard",
    companyId: "acme",
    name: "Acme",
    channel: "legacoop",
    size: "medium",
    sector: "A",
    municipalityIstat: "037032",
  };
  const joined: CompanyEvent = {
    type: "CompanyJoinedBoard",
    data: {
      companyId: "acme",
      name: "Acme",
      channel: "legacoop",
      size: "medium",
      sector: "A",
      municipalityIstat: "037032",
    },
  };
  const left: CompanyEvent = { type: "CompanyLeftBoard", data: { companyId: "acme", reason: "withdrew" } };
  const needs: CompanyCommand = {
    kind: "DeclareNeeds",
    needId: "n1",
    profiles: [{ occupationGroup: 6, positions: 3 }],
    trainingRequested: true,
  };
  const offer: CompanyCommand = {
    kind: "OfferOpportunity",
    opportunityId: "o1",
    opportunity: "job",
    occupationGroup: 8,
    positions: 1,
    contractType: "fixed_term",
  };

  it("joins the Board through its channel", () => spec.given([]).when(join).thenEmits([joined]));
  it("company-already-in-board", () =>
    spec.given([joined]).when(join).thenRejects("company-already-in-board"));
  it("may join again after leaving", () => spec.given([joined, left]).when(join).thenEmits([joined]));
  it("declares needs", () =>
    spec
      .given([joined])
      .when(needs)
      .thenEmits([
        {
          type: "CompanyNeedsDeclared",
          data: {
            companyId: "acme",
            needId: "n1",
            profiles: [{ occupationGroup: 6, positions: 3 }],
            trainingRequested: true,
          },
        },
      ]));
  it("company-not-in-board for needs", () => spec.given([]).when(needs).thenRejects("company-not-in-board"));
  it("offers an opportunity", () =>
    spec
      .given([joined])
      .when(offer)
      .thenEmits([
        {
          type: "OpportunityOffered",
          data: {
            companyId: "acme",
            opportunityId: "o1",
            kind: "job",
            occupationGroup: 8,
            positions: 1,
            contractType: "fixed_term",
          },
        },
      ]));
  it("company-not-in-board for opportunities after leaving", () =>
    spec.given([joined, left]).when(offer).thenRejects("company-not-in-board"));
  it("opportunity-already-offered", () =>
    spec
      .given([
        joined,
        {
          type: "OpportunityOffered",
          data: {
            companyId: "acme",
            opportunityId: "o1",
            kind: "internship",
            occupationGroup: 8,
            positions: 1,
            contractType: null,
          },
        },
      ])
      .when(offer)
      .thenRejects("opportunity-already-offered"));
  it("hiring-company-not-in-board", () =>
    spec
      .given([joined, left])
      .when({
        kind: "RecordHire",
        candidateId: "c1",
        contractType: "permanent",
        placementOrder: "first_time",
      })
      .thenRejects("hiring-company-not-in-board"));
  it("leaves the Board", () =>
    spec.given([joined]).when({ kind: "LeaveBoard", reason: "withdrew" }).thenEmits([left]));
  it("company-not-in-board for leaving twice", () =>
    spec
      .given([joined, left])
      .when({ kind: "LeaveBoard", reason: "other" })
      .thenRejects("company-not-in-board"));
});

const RULES = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules as ConfigurationVersion;
const LIMITS = RULES.projects;
const SOURCES = RULES.fundSources.map((f) => f.id);

describe("project", () => {
  const spec = deciderSpec(projectDecider);
  const submit = (kind: "autoimpiego" | "sociale" = "sociale", grant = 500_000): ProjectCommand => ({
    kind: "Submit",
    projectId: "pr1",
    projectKind: kind,
    promoterCandidateIds: [],
    requestedGrantCents: grant,
    requestedMicrocreditCents: 0,
    limits: LIMITS,
  });
  const submitted: ProjectEvent = {
    type: "ProjectSubmitted",
    data: {
      projectId: "pr1",
      kind: "sociale",
      promoterCandidateIds: [],
      requestedGrantCents: 500_000,
      requestedMicrocreditCents: 0,
    },
  };
  const ids = { projectId: "pr1", kind: "sociale" as const };
  const evaluating: ProjectEvent = { type: "ProjectEvaluationStarted", data: ids };
  const approve = (grantCents: number): ProjectCommand => ({
    kind: "Approve",
    grantCents,
    microcreditCents: 0,
    commitmentId: "k1",
    fundYear: 2018,
    limits: LIMITS,
  });
  const approved: ProjectEvent = {
    type: "ProjectApproved",
    data: { ...ids, grantCents: 500_000, microcreditCents: 0, commitmentId: "k1", fundYear: 2018 },
  };

  it("is submitted and waits", () => spec.given([]).when(submit()).thenEmits([submitted]));
  it("project-already-submitted", () =>
    spec.given([submitted]).when(submit()).thenRejects("project-already-submitted"));
  it("project-request-over-limit: social grants up to €8,000", () =>
    spec.given([]).when(submit("sociale", 800_001)).thenRejects("project-request-over-limit"));
  it("self-employment projects have no such limit", () =>
    spec
      .given([])
      .when(submit("autoimpiego", 900_000))
      .thenEmits([
        {
          type: "ProjectSubmitted",
          data: { ...submitted.data, kind: "autoimpiego", requestedGrantCents: 900_000 },
        } as ProjectEvent,
      ]));
  it("project-not-found", () =>
    spec.given([]).when({ kind: "StartEvaluation" }).thenRejects("project-not-found"));
  it("goes under evaluation", () =>
    spec.given([submitted]).when({ kind: "StartEvaluation" }).thenEmits([evaluating]));
  it("evaluation-requires-waiting-project", () =>
    spec
      .given([submitted, evaluating])
      .when({ kind: "StartEvaluation" })
      .thenRejects("evaluation-requires-waiting-project"));
  it("decision-requires-evaluation: no approval straight from waiting", () =>
    spec.given([submitted]).when(approve(500_000)).thenRejects("decision-requires-evaluation"));
  it("decision-requires-evaluation: no rejection straight from waiting", () =>
    spec
      .given([submitted])
      .when({ kind: "FindNotEligible", reason: "incomplete_documents" })
      .thenRejects("decision-requires-evaluation"));
  it("is found not eligible", () =>
    spec
      .given([submitted, evaluating])
      .when({ kind: "FindNotEligible", reason: "business_plan_not_sustainable" })
      .thenEmits([
        { type: "ProjectFoundNotEligible", data: { ...ids, reason: "business_plan_not_sustainable" } },
      ]));
  it("is approved and funded", () =>
    spec.given([submitted, evaluating]).when(approve(500_000)).thenEmits([approved]));
  it("project-request-over-limit on approval", () =>
    spec.given([submitted, evaluating]).when(approve(900_000)).thenRejects("project-request-over-limit"));
  it("creates jobs once approved", () =>
    spec
      .given([submitted, evaluating, approved])
      .when({ kind: "RecordJobs", jobs: 2 })
      .thenEmits([{ type: "ProjectJobsCreated", data: { ...ids, jobs: 2 } }]));
  it("jobs-require-approved-project", () =>
    spec
      .given([submitted, evaluating])
      .when({ kind: "RecordJobs", jobs: 1 })
      .thenRejects("jobs-require-approved-project"));
});

describe("fund", () => {
  const spec = deciderSpec(fundDecider);
  const allocated: FundEvent = {
    type: "FundBudgetAllocated",
    data: { year: 2018, source: "comune_bologna", amountCents: 1_000 },
  };
  const commit = (amountCents: number, commitmentId = "k1"): FundCommand => ({
    kind: "Commit",
    year: 2018,
    commitmentId,
    source: "comune_bologna",
    purpose: "internship",
    amountCents,
    candidateId: "c1",
    internshipId: "t1",
    projectId: null,
  });
  const committed = (amountCents: number, commitmentId = "k1"): FundEvent => ({
    type: "FundCommitted",
    data: {
      year: 2018,
      commitmentId,
      source: "comune_bologna",
      purpose: "internship",
      amountCents,
      candidateId: "c1",
      internshipId: "t1",
      projectId: null,
    },
  });

  it("allocates a source's yearly budget", () =>
    spec
      .given([])
      .when({
        kind: "AllocateBudget",
        year: 2018,
        source: "comune_bologna",
        amountCents: 1_000,
        knownSources: SOURCES,
      })
      .thenEmits([allocated]));
  it("fund-source-unknown", () =>
    spec
      .given([])
      .when({ kind: "AllocateBudget", year: 2018, source: "regione", amountCents: 5, knownSources: SOURCES })
      .thenRejects("fund-source-unknown"));
  it("budget-already-allocated", () =>
    spec
      .given([allocated])
      .when({
        kind: "AllocateBudget",
        year: 2018,
        source: "comune_bologna",
        amountCents: 5,
        knownSources: SOURCES,
      })
      .thenRejects("budget-already-allocated"));
  it("fund-year-mismatch", () =>
    spec
      .given([allocated])
      .when({
        kind: "AllocateBudget",
        year: 2019,
        source: "arcidiocesi",
        amountCents: 5,
        knownSources: SOURCES,
      })
      .thenRejects("fund-year-mismatch"));
  it("commits up to the budget", () =>
    spec
      .given([allocated])
      .when(commit(1_000))
      .thenEmits([committed(1_000)]));
  it("fund-over-commitment", () =>
    spec
      .given([allocated, committed(600)])
      .when(commit(401, "k2"))
      .thenRejects("fund-over-commitment"));
  it("fund-over-commitment without a budget", () =>
    spec.given([]).when(commit(1)).thenRejects("fund-over-commitment"));
  it("a retried commitment writes nothing more", () =>
    spec
      .given([allocated, committed(600)])
      .when(commit(600))
      .thenEmits([]));
  it("commitment-already-exists with other terms", () =>
    spec
      .given([allocated, committed(600)])
      .when(commit(500))
      .thenRejects("commitment-already-exists"));
  it("releases part of a commitment, which can be committed again", () =>
    spec
      .given([
        allocated,
        committed(1_000),
        {
          type: "FundCommitmentReleased",
          data: {
            year: 2018,
            commitmentId: "k1",
            source: "comune_bologna",
            amountCents: 300,
            reason: "unused",
          },
        },
      ])
      .when(commit(300, "k2"))
      .thenEmits([committed(300, "k2")]));
  it("commitment-not-found", () =>
    spec
      .given([allocated])
      .when({ kind: "Release", year: 2018, commitmentId: "k9", amountCents: 1, reason: "other" })
      .thenRejects("commitment-not-found"));
  it("release-exceeds-commitment", () =>
    spec
      .given([allocated, committed(600)])
      .when({ kind: "Release", year: 2018, commitmentId: "k1", amountCents: 601, reason: "other" })
      .thenRejects("release-exceeds-commitment"));
});

describe("person uniqueness", () => {
  const spec = deciderSpec(personDecider);
  const opened: PersonEvent = { type: "PersonCaseOpened", data: { personId: "p1", candidateId: "c1" } };
  const closed: PersonEvent = { type: "PersonCaseClosed", data: { personId: "p1", candidateId: "c1" } };
  it("opens a case", () =>
    spec.given([]).when({ kind: "OpenCase", personId: "p1", candidateId: "c1" }).thenEmits([opened]));
  it("person-has-open-case", () =>
    spec
      .given([opened])
      .when({ kind: "OpenCase", personId: "p1", candidateId: "c2" })
      .thenRejects("person-has-open-case"));
  it("opening the same case again writes nothing", () =>
    spec.given([opened]).when({ kind: "OpenCase", personId: "p1", candidateId: "c1" }).thenEmits([]));
  it("a new case after the previous closed", () =>
    spec
      .given([opened, closed])
      .when({ kind: "OpenCase", personId: "p1", candidateId: "c2" })
      .thenEmits([{ type: "PersonCaseOpened", data: { personId: "p1", candidateId: "c2" } }]));
  it("person-id-mismatch", () =>
    spec
      .given([opened, closed])
      .when({ kind: "OpenCase", personId: "p9", candidateId: "c2" })
      .thenRejects("person-id-mismatch"));
  it("person-case-not-open", () =>
    spec
      .given([opened, closed])
      .when({ kind: "CloseCase", candidateId: "c1" })
      .thenRejects("person-case-not-open"));
});
