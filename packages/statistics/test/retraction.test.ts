import type { RecordedEvent } from "@insieme/kernel";
import { describe, expect, it } from "vitest";
import { type Report, type StatisticId, StatisticsReplay } from "../src/index.js";
import { APPLICANT_PROFILE } from "./support/fixtures.js";
import { column, nonZero, rawReport, tableOf } from "./support/report-reading.js";

/**
 * Given/when/then specs of each statistic's retraction: given recorded facts, when a `FactCorrected` amends or
 * voids one, then the report counts the fact as corrected (taken off as it stood, counted as it stands).
 */

let position = 0;
const revisions = new Map<string, number>();

/** A recorded event on `stream` (revisions and positions in order), on day `on`. */
const ev = (stream: string, type: string, on: string, data: Record<string, unknown>): RecordedEvent => {
  const revision = revisions.get(stream) ?? 0;
  revisions.set(stream, revision + 1);
  position++;
  return {
    eventId: `e-${position}`,
    streamId: stream,
    revision,
    position,
    type,
    data,
    occurredAt: `${on}T09:00:00.000Z`,
    recordedAt: `2030-01-01T00:00:${String(position % 60).padStart(2, "0")}.000Z`,
    causationId: `c-${position}`,
    correlationId: `c-${position}`,
    actor: { id: "op-1", role: "operator" },
  } as unknown as RecordedEvent;
};

/** The correction of `target` (whose data stands as `standing`, its recorded data by default). */
const fix = (
  target: RecordedEvent,
  change: Record<string, unknown> | "void",
  standing: Record<string, unknown> = target.data as Record<string, unknown>,
): RecordedEvent =>
  ev(target.streamId, "FactCorrected", "2030-01-01", {
    correctedEventId: target.eventId,
    correctedRevision: target.revision,
    correctedType: target.type,
    action: change === "void" ? "void" : "amend",
    data: change === "void" ? null : { ...standing, ...change },
    previousData: standing,
    correctedOccurredAt: target.occurredAt,
    fields: change === "void" ? [] : Object.keys(change),
    reason: "typing_error",
    correctedBy: { id: "op-1", role: "operator" },
  });

/** The raw report of `events`, over all time. */
const report = (events: readonly RecordedEvent[]): Report =>
  rawReport(new StatisticsReplay().applyAll(events), { from: null, to: null });

const counts = (events: readonly RecordedEvent[], id: StatisticId, table: string, index = 0) =>
  nonZero(column(tableOf(report(events), id, table), index));

const profile = { birthYear: 1970, ageBand: "35_49", ...APPLICANT_PROFILE };

const applied = (id: string, on = "2018-03-01") =>
  ev(`candidate-${id}`, "CandidateApplied", on, {
    candidateId: id,
    appliedOn: on,
    channel: "online_form",
    referrer: "parish_caritas",
    profile,
  });
const screened = (id: string, outcome = "in_target", on = "2018-03-05") =>
  ev(`candidate-${id}`, "CandidateScreened", on, {
    candidateId: id,
    outcome,
    notInTargetReason: outcome === "not_in_target" ? "other" : null,
  });
const interview = (id: string, outcome: string, on: string) =>
  ev(`candidate-${id}`, "FirstInterviewHeld", on, { candidateId: id, outcome, heldOn: on });
const hired = (id: string, contractType = "permanent", on = "2018-06-01") =>
  ev(`candidate-${id}`, "CandidateHired", on, {
    candidateId: id,
    companyId: "co-1",
    hiredOn: on,
    contractType,
    placementOrder: "first_time",
    internshipId: null,
  });
const closed = (id: string, reason: string, on: string) =>
  ev(`candidate-${id}`, "CaseClosed", on, { candidateId: id, reason });
const reopened = (id: string, on: string, closedOn: string, closedReason: string) =>
  ev(`candidate-${id}`, "CaseReopened", on, { candidateId: id, reason: "returned", closedOn, closedReason });

describe("applications: trend, profile, referrers", () => {
  it("given an application, when its gender and referrer are amended, then it counts under the corrected ones only", () => {
    const a = applied("a1");
    const events = [a, fix(a, { referrer: "self", profile: { ...profile, gender: "male" } })];
    expect(counts(events, "applicantsProfile", "gender")).toEqual({ male: 1 });
    expect(counts(events, "referrers", "byReferrer", 0)).toEqual({ self: 1 });
    expect(counts(events, "applicationsTrend", "byMonth")).toEqual({ "2018-03": 1 });
  });
});

describe("screeningOutcomes and territory", () => {
  it("given a screening in target, when it is amended to not in target, then it moves out of the target and off the map", () => {
    const s = screened("a1");
    const events = [applied("a1"), s, fix(s, { outcome: "not_in_target", notInTargetReason: "other" })];
    expect(counts(events, "screeningOutcomes", "byOutcome")).toEqual({ other: 1 });
    expect(counts(events, "territory", "byMunicipality")).toEqual({});
  });

  it("given a person counted in target, when their residence is amended, then they count in the corrected place", () => {
    const a = applied("a1");
    const events = [
      a,
      screened("a1"),
      fix(a, { profile: { ...profile, residence: { municipalityIstat: "037006", quartiere: "savena" } } }),
    ];
    expect(counts(events, "territory", "byQuartiere")).toEqual({ savena: 1 });
  });

  it("given a screening, when it is voided, then nothing is counted", () => {
    const s = screened("a1");
    const events = [applied("a1"), s, fix(s, "void")];
    expect(counts(events, "screeningOutcomes", "byOutcome")).toEqual({});
    expect(counts(events, "territory", "byDistrict")).toEqual({});
  });
});

describe("socialServicesCheck", () => {
  it("given a cross-check, when it is amended then voided, then nothing is counted", () => {
    const c = ev("candidate-a1", "SocialServicesCrossChecked", "2018-03-06", {
      candidateId: "a1",
      result: "known",
    });
    expect(
      counts([applied("a1"), c, fix(c, { result: "unknown" })], "socialServicesCheck", "byResult"),
    ).toEqual({
      unknown: 1,
    });
    const amended = fix(c, { result: "unknown" });
    expect(
      counts(
        [applied("a1"), c, amended, fix(c, "void", { ...(c.data as object), result: "unknown" })],
        "socialServicesCheck",
        "byResult",
      ),
    ).toEqual({});
  });
});

describe("firstInterviewOutcomes and immediatelyPlaceable: the last interview", () => {
  it("given a no-show then a placeable interview, when the last one is voided, then the no-show counts again", () => {
    const last = interview("a1", "immediately_placeable", "2018-04-20");
    const events = [
      applied("a1"),
      screened("a1"),
      interview("a1", "no_show", "2018-03-20"),
      last,
      fix(last, "void"),
    ];
    expect(counts(events, "firstInterviewOutcomes", "cohort")).toEqual({ no_show: 1 });
    expect(counts(events, "immediatelyPlaceable", "share")).toEqual({ other_outcomes: 1 });
  });

  it("given a placeable interview, when its outcome is amended, then the person moves to the corrected outcome", () => {
    const i = interview("a1", "immediately_placeable", "2018-04-20");
    const events = [applied("a1"), screened("a1"), i, fix(i, { outcome: "empowerment_path" })];
    expect(counts(events, "firstInterviewOutcomes", "cohort")).toEqual({ empowerment_path: 1 });
    expect(counts(events, "immediatelyPlaceable", "share")).toEqual({ other_outcomes: 1 });
  });

  it("given a placeable person, when their education is amended, then the profile of the placeable follows", () => {
    const a = applied("a1");
    const events = [
      a,
      screened("a1"),
      interview("a1", "immediately_placeable", "2018-04-20"),
      fix(a, { profile: { ...profile, educationLevel: "tertiary" } }),
    ];
    expect(counts(events, "immediatelyPlaceable", "education")).toEqual({ tertiary: 1 });
  });

  it("given a withdrawal before the first interview, when it is voided, then the application awaits its interview", () => {
    const w = ev("candidate-a1", "CandidateWithdrew", "2018-03-10", { candidateId: "a1", reason: "other" });
    const events = [applied("a1"), screened("a1"), w, fix(w, "void")];
    expect(counts(events, "firstInterviewOutcomes", "cohort")).toEqual({ awaiting: 1 });
  });
});

describe("results", () => {
  it("given a case closed for autonomy, re-opened, when the closing is amended to another reason, then no autonomy is counted", () => {
    const c = closed("a1", "autonomy", "2018-06-01");
    const events = [
      applied("a1"),
      c,
      reopened("a1", "2018-06-10", "2018-06-01", "autonomy"),
      fix(c, { reason: "other" }),
    ];
    expect(column(tableOf(report(events), "results", "paths")).autonomyReached).toBe(0);
  });

  it("given a case closed for another reason and re-opened, when the closing is amended to autonomy, then it still does not count", () => {
    const c = closed("a1", "other", "2018-06-01");
    const events = [
      applied("a1"),
      c,
      reopened("a1", "2018-06-10", "2018-06-01", "other"),
      fix(c, { reason: "autonomy" }),
    ];
    expect(column(tableOf(report(events), "results", "paths")).autonomyReached).toBe(0);
  });

  it("given a closing amended from other to autonomy, when the case is re-opened, then the autonomy is taken off", () => {
    const c = closed("a1", "other", "2018-06-01");
    const amended = [applied("a1"), c, fix(c, { reason: "autonomy" })];
    expect(column(tableOf(report(amended), "results", "paths")).autonomyReached).toBe(1);
    const events = [...amended, reopened("a1", "2018-06-10", "2018-06-01", "other")];
    expect(column(tableOf(report(events), "results", "paths")).autonomyReached).toBe(0);
  });

  it("given an autonomy closing, when it is voided, then it is not counted", () => {
    const c = closed("a1", "autonomy", "2018-06-01");
    expect(
      column(tableOf(report([applied("a1"), c, fix(c, "void")]), "results", "paths")).autonomyReached,
    ).toBe(0);
  });

  it("given a hiring, when its contract type is amended, then it counts under the corrected contract", () => {
    const h = hired("a1");
    const table = tableOf(
      report([applied("a1"), h, fix(h, { contractType: "fixed_term" })]),
      "results",
      "hirings",
    );
    expect(nonZero(column(table, 0))).toEqual({ fixed_term: 1 });
  });
});

describe("placementDurability", () => {
  it("given a contract ended before 6 months, when the end is voided, then the status is not known again", () => {
    const h = hired("a1");
    const end = ev("candidate-a1", "ContractEnded", "2018-08-01", {
      candidateId: "a1",
      companyId: "co-1",
      hiredOn: "2018-06-01",
      endedOn: "2018-08-01",
      reason: "resigned",
    });
    expect(counts([applied("a1"), h, end], "placementDurability", "month6ByPath", 1)).toEqual({ direct: 1 });
    expect(
      counts([applied("a1"), h, end, fix(end, "void")], "placementDurability", "month6ByPath", 2),
    ).toEqual({
      direct: 1,
    });
  });

  it("given a 6-month follow-up in post, when its status is amended, then the hiring moves to not in post", () => {
    const h = hired("a1");
    const f = ev("candidate-a1", "PlacementFollowUpRecorded", "2018-12-05", {
      candidateId: "a1",
      companyId: "co-1",
      hiredOn: "2018-06-01",
      contactedOn: "2018-12-05",
      milestone: "month_6",
      employmentStatus: "employed_same_employer",
    });
    const events = [applied("a1"), h, f, fix(f, { employmentStatus: "not_employed" })];
    expect(counts(events, "placementDurability", "month6ByContractType", 1)).toEqual({ permanent: 1 });
    expect(counts(events, "placementDurability", "month6ByContractType", 0)).toEqual({});
  });

  it("given a hiring, when its contract type is amended, then its row follows", () => {
    const h = hired("a1");
    const events = [applied("a1"), h, fix(h, { contractType: "apprenticeship" })];
    expect(counts(events, "placementDurability", "month6ByContractType", 2)).toEqual({ apprenticeship: 1 });
  });
});

describe("companies", () => {
  const joined = (id: string, channel: string) =>
    ev(`company-${id}`, "CompanyJoinedBoard", "2018-01-10", { companyId: id, channel });
  it("given a member, when its channel is amended after it left, then neither channel counts it", () => {
    const j = joined("co-1", "direct");
    const left = ev("company-co-1", "CompanyLeftBoard", "2018-05-01", { companyId: "co-1" });
    expect(counts([j, left, fix(j, { channel: "cna" })], "companies", "byChannel")).toEqual({});
  });

  it("given a member that left, when the leaving is voided, then it is a member and active again", () => {
    const j = joined("co-1", "direct");
    const need = ev("company-co-1", "CompanyNeedsDeclared", "2018-02-01", { companyId: "co-1" });
    const left = ev("company-co-1", "CompanyLeftBoard", "2018-05-01", { companyId: "co-1" });
    const events = [j, need, left, fix(left, "void")];
    expect(counts(events, "companies", "byChannel")).toEqual({ direct: 1 });
    expect(counts(events, "companies", "active")).toEqual({ active: 1 });
  });

  it("given two activities, when the first is voided, then the company is active from the second", () => {
    const j = joined("co-1", "legacoop");
    const first = ev("company-co-1", "CompanyNeedsDeclared", "2018-02-01", { companyId: "co-1" });
    const second = ev("company-co-1", "OpportunityOffered", "2018-03-01", { companyId: "co-1" });
    const events = [j, first, second, fix(first, "void")];
    expect(counts(events, "companies", "active")).toEqual({ active: 1 });
    expect(counts([j, first, fix(first, "void")], "companies", "active")).toEqual({});
    expect(counts([j, second, fix(second, "void")], "companies", "active")).toEqual({});
  });
});

describe("projects", () => {
  it("given jobs created, when the number is amended and then voided, then the jobs follow", () => {
    const submitted = ev("project-p1", "ProjectSubmitted", "2018-02-01", {
      projectId: "p1",
      kind: "sociale",
    });
    const jobs = ev("project-p1", "ProjectJobsCreated", "2018-06-01", {
      projectId: "p1",
      kind: "sociale",
      jobs: 3,
    });
    const jobsOf = (events: RecordedEvent[]) =>
      tableOf(report(events), "projects", "byKind").rows.find((r) => r.key === "sociale")?.cells[5];
    expect(jobsOf([submitted, jobs, fix(jobs, { jobs: 5 })])).toBe(5);
    expect(
      jobsOf([
        submitted,
        jobs,
        fix(jobs, { jobs: 5 }),
        fix(jobs, "void", { ...(jobs.data as object), jobs: 5 }),
      ]),
    ).toBe(0);
  });
});
