import { type CommandInputEnvelope, codiceFiscaleCheckChar } from "@insieme/domain";
import { describe, expect, it } from "vitest";
import { type Report, StatisticsReplay } from "../src/index.js";
import { applicationData, CV, IN_TARGET_SCORES, operator, referent } from "./support/fixtures.js";
import { column, rawReport, tableOf } from "./support/report-reading.js";
import { runCommands } from "./support/run-commands.js";

const CODES = ["RSSMRA70C41A944", "BNCLRA80A41A944", "VRDGPP75B12A944", "NREPLA72D15A944"].map(
  (first15) => first15 + codiceFiscaleCheckChar(first15),
);

let n = 0;
const c = (
  type: CommandInputEnvelope["type"],
  data: unknown,
  day: string,
  actor: CommandInputEnvelope["actor"] = operator,
) => ({ commandId: `c-${++n}`, type, occurredAt: `${day}T09:00:00Z`, actor, data }) as CommandInputEnvelope;

/** A person hired (by an employer outside the Board) on `hiredOn` with `contractType`. */
const hiredPerson = (i: number, hiredOn: string, contractType: string): CommandInputEnvelope[] => {
  const candidateId = `cand-${i}`;
  return [
    c(
      "SubmitApplication",
      applicationData(
        candidateId,
        { givenName: "A", familyName: "B", codiceFiscale: CODES[i] as string },
        { channel: "desk", referrer: "self", birthYear: 1975 },
      ),
      "2018-01-10",
    ),
    c(
      "ScreenCandidate",
      { candidateId, inOtherActiveMeasure: false, scores: IN_TARGET_SCORES },
      "2018-01-15",
    ),
    c(
      "RecordFirstInterview",
      { candidateId, outcome: "immediately_placeable", transversalSkills: [], cv: CV },
      "2018-01-20",
    ),
    c(
      "ProposePlacement",
      { candidateId, proposalId: "p", companyId: "outside", opportunityId: null },
      "2018-01-25",
    ),
    c(
      "RecordHiring",
      { candidateId, companyId: "outside", proposalId: "p", internshipId: null, contractType },
      hiredOn,
    ),
  ];
};

/** The raw report of everything replayed. */
const report = (replay: StatisticsReplay): Report => rawReport(replay, { from: null, to: null });

describe("placementDurability: how many placements last", () => {
  it("counts each hiring by its status at 6 and 12 months, by contract type and path", async () => {
    const commands = [
      ...hiredPerson(0, "2018-02-01", "fixed_term"),
      ...hiredPerson(1, "2018-02-01", "fixed_term"),
      ...hiredPerson(2, "2018-02-01", "permanent"),
      // 0: in post at 6 months, gone at 12.
      c(
        "RecordFollowUp",
        {
          candidateId: "cand-0",
          companyId: "outside",
          milestone: "month_6",
          employmentStatus: "employed_same_employer",
        },
        "2018-08-01",
      ),
      c(
        "RecordFollowUp",
        {
          candidateId: "cand-0",
          companyId: "outside",
          milestone: "month_12",
          employmentStatus: "employed_other_employer",
        },
        "2019-02-01",
      ),
      // 1: contract ended after 4 months, no follow-up: not in post at 6 and 12.
      c(
        "RecordContractEnd",
        { candidateId: "cand-1", companyId: "outside", reason: "term_expired" },
        "2018-06-01",
      ),
      // 2: contract ended after 9 months: in post at 6 (follow-up), not in post at 12 (contract end).
      c(
        "RecordFollowUp",
        {
          candidateId: "cand-2",
          companyId: "outside",
          milestone: "month_6",
          employmentStatus: "employed_same_employer",
        },
        "2018-08-01",
      ),
      c(
        "RecordContractEnd",
        { candidateId: "cand-2", companyId: "outside", reason: "resigned" },
        "2018-11-01",
      ),
    ];
    const { events } = await runCommands(commands);
    const r = report(new StatisticsReplay().applyAll(events));
    const at6 = tableOf(r, "placementDurability", "month6ByContractType");
    expect(at6.columns.map((x) => x.key)).toEqual(["inPost", "notInPost", "unknown"]);
    const row = (t: ReturnType<typeof tableOf>, key: string) => t.rows.find((x) => x.key === key)?.cells;
    expect(row(at6, "fixed_term")).toEqual([1, 1, 0]);
    expect(row(at6, "permanent")).toEqual([1, 0, 0]);
    const at12 = tableOf(r, "placementDurability", "month12ByContractType");
    expect(row(at12, "fixed_term")).toEqual([0, 2, 0]);
    expect(row(at12, "permanent")).toEqual([0, 1, 0]);
    expect(row(tableOf(r, "placementDurability", "month6ByPath"), "direct")).toEqual([2, 1, 0]);
    expect(row(tableOf(r, "placementDurability", "month6ByPath"), "after_internship")).toEqual([0, 0, 0]);
    // The same hirings as "Primi risultati" (and outside-Board employers count there too).
    expect(tableOf(r, "results", "hirings").totals?.total).toBe(3);
    expect(tableOf(r, "placementDurability", "month12ByPath").totals?.total).toBe(3);
  });

  it("a hiring with nothing recorded after it is not known at 6 and 12 months", async () => {
    const { events } = await runCommands(hiredPerson(0, "2018-02-01", "on_call"));
    const r = report(new StatisticsReplay().applyAll(events));
    expect(
      tableOf(r, "placementDurability", "month6ByContractType").rows.find((x) => x.key === "on_call")?.cells,
    ).toEqual([0, 0, 1]);
  });

  it("a withdrawal before the first interview has its own row in the cohort, not an interview outcome", async () => {
    const [applied] = hiredPerson(3, "2018-02-01", "permanent");
    const { events } = await runCommands([
      applied as CommandInputEnvelope,
      c("RecordWithdrawal", { candidateId: "cand-3", reason: "found_work" }, "2018-01-12"),
    ]);
    const cohort = column(
      tableOf(report(new StatisticsReplay().applyAll(events)), "firstInterviewOutcomes", "cohort"),
    );
    expect(cohort.withdrawn_before_interview).toBe(1);
    expect(cohort.withdrawn).toBe(0);
    expect(cohort.awaiting).toBe(0);
  });

  it("projects withdrawn by the promoter and revoked approvals have their own columns, not 'Non idonei'", async () => {
    const submit = (projectId: string) =>
      c(
        "SubmitProject",
        {
          projectId,
          kind: "sociale",
          promoterCandidateIds: [],
          requestedGrantCents: 0,
          requestedMicrocreditCents: 0,
        },
        "2018-02-01",
      );
    const { events } = await runCommands([
      submit("pr1"),
      submit("pr2"),
      c("WithdrawProject", { projectId: "pr1", reason: "promoter_gave_up" }, "2018-02-10"),
      c("StartProjectEvaluation", { projectId: "pr2" }, "2018-02-10", referent),
      c(
        "ApproveProject",
        { projectId: "pr2", grantCents: 0, microcreditCents: 0, source: "comune_bologna" },
        "2018-02-20",
        referent,
      ),
      c("RevokeProjectApproval", { projectId: "pr2", reason: "project_not_started" }, "2018-03-20", referent),
    ]);
    const table = tableOf(report(new StatisticsReplay().applyAll(events)), "projects", "byKind");
    const sociale = table.rows.find((x) => x.key === "sociale");
    const cells = Object.fromEntries(table.columns.map((col, i) => [col.key, sociale?.cells[i]]));
    expect(cells).toEqual({
      submitted: 2,
      waiting: 0,
      underEvaluation: 0,
      notEligible: 0,
      approved: 0,
      jobsCreated: 0,
      withdrawn: 1,
      revoked: 1,
    });
  });
});

describe("a re-opened case is the same application", () => {
  it("given a case closed for autonomy, re-opened and closed again, then one application and one autonomy are counted", async () => {
    const { events } = await runCommands([
      ...hiredPerson(3, "2018-02-01", "permanent"),
      c("CloseCase", { candidateId: "cand-3", reason: "autonomy" }, "2018-03-01"),
      c("ReopenCase", { candidateId: "cand-3", reason: "returned" }, "2018-03-10"),
      c("CloseCase", { candidateId: "cand-3", reason: "autonomy" }, "2018-04-01"),
    ]);
    expect(events.map((e) => e.type)).toContain("CaseReopened");
    const r = report(new StatisticsReplay().applyAll(events));
    expect(column(tableOf(r, "results", "paths")).autonomyReached).toBe(1);
    const applications = Object.values(column(tableOf(r, "applicationsTrend", "byMonth")));
    expect(applications.reduce((a, b) => a + b, 0)).toBe(1);
    expect(tableOf(r, "results", "hirings").totals?.total).toBe(1);
  });

  it("given a case closed for autonomy and re-opened, then its autonomy no longer counts", async () => {
    const { events } = await runCommands([
      ...hiredPerson(3, "2018-02-01", "permanent"),
      c("CloseCase", { candidateId: "cand-3", reason: "autonomy" }, "2018-03-01"),
      c("ReopenCase", { candidateId: "cand-3", reason: "closed_in_error" }, "2018-03-10"),
    ]);
    const r = report(new StatisticsReplay().applyAll(events));
    expect(column(tableOf(r, "results", "paths")).autonomyReached).toBe(0);
    expect(column(tableOf(r, "results", "paths")).internshipsStarted).toBe(0);
  });
});
