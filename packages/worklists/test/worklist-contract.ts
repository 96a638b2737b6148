import { InMemoryEventStore, type NewEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { SqlDatabase } from "../src/index.js";
import { clearWorklists, type Viewer, WorklistForbidden, Worklists } from "../src/index.js";

const operator: Viewer = { role: "operator" };
const companyA: Viewer = { role: "company", companyId: "co-a" };
const companyB: Viewer = { role: "company", companyId: "co-b" };

type Residence = { readonly municipalityIstat: string; readonly quartiere: string | null };
const BOLOGNA_NAVILE: Residence = { municipalityIstat: "037006", quartiere: "navile" };
const BOLOGNA_SAVENA: Residence = { municipalityIstat: "037006", quartiere: "savena" };
const IMOLA: Residence = { municipalityIstat: "037032", quartiere: null };

let n = 0;
const event = (type: string, data: Record<string, unknown>, day: string, actor = "op-1"): NewEvent => {
  n++;
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    type,
    version: 1,
    data,
    occurredAt: `${day}T09:00:00.000Z`,
    correlationId: null,
    causationId: null,
    actor: { id: actor, role: "operator" },
  };
};

/** A small programme: five cases at different stages, two companies with opportunities. */
const seed = async (store: InMemoryEventStore): Promise<void> => {
  const append = async (stream: string, events: NewEvent[]) => {
    const r = await store.append(stream, events, "any");
    if (E.isLeft(r)) throw new Error(r.left.message);
  };
  const applied = (id: string, key: string, day: string, actor = "op-1", where = BOLOGNA_NAVILE) =>
    event(
      "CandidateApplied",
      {
        candidateId: id,
        personKey: key,
        appliedOn: day,
        channel: actor === "op-1" ? "desk" : "online_form",
        profile: { residence: where },
      },
      day,
      actor,
    );
  await append("candidate-c1", [applied("c1", "k1", "2017-03-01")]);
  await append("candidate-c2", [
    applied("c2", "k2", "2017-03-02", "op-2", IMOLA),
    event("CandidateScreened", { candidateId: "c2", outcome: "in_target" }, "2017-03-05", "op-2"),
  ]);
  await append("candidate-c3", [
    applied("c3", "k3", "2017-03-03"),
    event("CandidateScreened", { candidateId: "c3", outcome: "in_target" }, "2017-03-04"),
    event("FirstInterviewHeld", { candidateId: "c3", heldOn: "2017-03-10" }, "2017-03-10"),
    event("PlacementProposed", { candidateId: "c3", proposalId: "p3", companyId: "co-a" }, "2017-03-12"),
  ]);
  await append("candidate-c4", [
    applied("c4", "k1", "2017-03-04"),
    event("CandidateScreened", { candidateId: "c4", outcome: "in_target" }, "2017-03-05"),
    event("FirstInterviewHeld", { candidateId: "c4", heldOn: "2017-03-06" }, "2017-03-06"),
    event("PlacementProposed", { candidateId: "c4", proposalId: "p4", companyId: "co-b" }, "2017-03-07"),
    event(
      "InternshipStarted",
      { candidateId: "c4", internshipId: "i4", companyId: "co-b", plannedEndDate: "2017-09-20" },
      "2017-03-20",
    ),
  ]);
  await append("candidate-c3b", [applied("c3b", "k6", "2017-03-03", "op-1", BOLOGNA_SAVENA)]);
  await append("candidate-c5", [
    applied("c5", "k5", "2017-03-05"),
    event("CandidateScreened", { candidateId: "c5", outcome: "not_in_target" }, "2017-03-06"),
  ]);
  await append("candidate-c6", [
    applied("c6", "k7", "2016-12-01", "op-2", IMOLA),
    event("CandidateScreened", { candidateId: "c6", outcome: "fragility_conclamata" }, "2016-12-05", "op-2"),
  ]);
  await append("candidate-c7", [
    applied("c7", "k8", "2016-10-01"),
    event("CandidateScreened", { candidateId: "c7", outcome: "in_target" }, "2016-10-03"),
    event("FirstInterviewHeld", { candidateId: "c7", heldOn: "2016-10-10" }, "2016-10-10"),
    event(
      "CandidateHired",
      { candidateId: "c7", companyId: "co-a", hiredOn: "2016-08-31", contractType: "permanent" },
      "2016-10-20",
    ),
  ]);
  await append("candidate-c8", [
    applied("c8", "k9", "2016-09-01"),
    event("CandidateScreened", { candidateId: "c8", outcome: "in_target" }, "2016-09-02"),
    event("FirstInterviewHeld", { candidateId: "c8", heldOn: "2016-09-05" }, "2016-09-05"),
    event(
      "CandidateHired",
      { candidateId: "c8", companyId: "co-b", hiredOn: "2016-09-10", contractType: "fixed_term" },
      "2016-09-10",
    ),
    event(
      "PlacementFollowUpRecorded",
      {
        candidateId: "c8",
        companyId: "co-b",
        hiredOn: "2016-09-10",
        contactedOn: "2017-03-01",
        milestone: "month_6",
        employmentStatus: "employed",
      },
      "2017-03-01",
    ),
    event(
      "PlacementFollowUpRecorded",
      {
        candidateId: "c8",
        companyId: "co-b",
        hiredOn: "2016-09-10",
        contactedOn: "2017-05-01",
        milestone: "contact",
        employmentStatus: "employed",
      },
      "2017-05-01",
    ),
    event(
      "ContractEnded",
      {
        candidateId: "c8",
        companyId: "co-b",
        hiredOn: "2016-09-10",
        endedOn: "2017-06-30",
        reason: "term_reached",
      },
      "2017-06-30",
    ),
    event("CaseClosed", { candidateId: "c8", reason: "autonomy" }, "2017-07-01"),
  ]);
  await append("candidate-c9", [
    applied("c9", "k10", "2017-03-06"),
    event(
      "CandidateWithdrew",
      { candidateId: "c9", withdrawnOn: "2017-03-08", reason: "found_work" },
      "2017-03-08",
    ),
  ]);
  await append("project-p1", [
    event(
      "ProjectSubmitted",
      { projectId: "p1", kind: "autoimpiego", promoterCandidateIds: ["c3"], requestedGrantCents: 500000 },
      "2017-01-10",
    ),
    event("ProjectEvaluationStarted", { projectId: "p1", kind: "autoimpiego" }, "2017-02-01"),
    event(
      "ProjectApproved",
      { projectId: "p1", kind: "autoimpiego", grantCents: 400000, microcreditCents: 0 },
      "2017-03-01",
    ),
    event("ProjectJobsCreated", { projectId: "p1", kind: "autoimpiego", jobs: 2 }, "2017-04-01"),
    event("ProjectJobsCreated", { projectId: "p1", kind: "autoimpiego", jobs: 1 }, "2017-05-01"),
  ]);
  await append("project-p2", [
    event(
      "ProjectSubmitted",
      { projectId: "p2", kind: "sociale", promoterCandidateIds: [], requestedGrantCents: 900000 },
      "2017-01-20",
    ),
  ]);
  await append("project-p3", [
    event(
      "ProjectSubmitted",
      { projectId: "p3", kind: "autoimpiego", promoterCandidateIds: ["c2"], requestedGrantCents: 100000 },
      "2017-01-05",
    ),
    event("ProjectEvaluationStarted", { projectId: "p3", kind: "autoimpiego" }, "2017-01-06"),
    event(
      "ProjectFoundNotEligible",
      { projectId: "p3", kind: "autoimpiego", reason: "incomplete_documents" },
      "2017-01-30",
    ),
  ]);
  await append("company-co-a", [
    event(
      "OpportunityOffered",
      { companyId: "co-a", opportunityId: "o1", kind: "tirocinio", occupationGroup: "5", positions: 2 },
      "2017-02-01",
    ),
  ]);
  await append("company-co-b", [
    event(
      "OpportunityOffered",
      { companyId: "co-b", opportunityId: "o2", kind: "assunzione", occupationGroup: "7", positions: 1 },
      "2017-02-02",
    ),
  ]);
};

/** Every row of every list, in a fixed order. */
const everything = async (lists: Worklists) => ({
  cases: await lists.db.all("SELECT * FROM worklist_cases ORDER BY candidate_id"),
  opportunities: await lists.db.all("SELECT * FROM worklist_opportunities ORDER BY opportunity_id"),
  projects: await lists.db.all("SELECT * FROM worklist_projects ORDER BY project_id"),
  followUps: await lists.db.all("SELECT * FROM worklist_follow_ups ORDER BY candidate_id, hired_on, months"),
  checkpoint: await lists.checkpoint(),
});

/** The read-model contract: the same rules for every database the work lists are kept in. */
export const worklistContract = (name: string, makeDatabase: () => Promise<SqlDatabase>): void => {
  describe(`work lists: ${name}`, () => {
    const ready = async () => {
      const store = new InMemoryEventStore();
      await seed(store);
      const lists = await Worklists.open(await makeDatabase());
      await lists.catchUp(store);
      return { store, lists };
    };

    it("open cases by state, operator and desk, sorted and paged", async () => {
      const { lists } = await ready();
      const all = await lists.openCases(operator);
      expect(all.items.map((c) => c.candidateId)).toEqual(["c7", "c1", "c2", "c3", "c3b", "c4"]);
      expect(
        (await lists.openCases(operator, { state: "screened" })).items.map((c) => c.candidateId),
      ).toEqual(["c2"]);
      expect((await lists.openCases(operator, { operator: "op-2" })).items.map((c) => c.candidateId)).toEqual(
        ["c2"],
      );
      const first = await lists.openCases(operator, {}, { limit: 3, sort: "appliedOn", descending: true });
      expect(first.items.map((c) => c.candidateId)).toEqual(["c4", "c3b", "c3"]);
      expect(first.next).toBe(3);
      const second = await lists.openCases(operator, {}, { limit: 3, offset: 3, descending: true });
      expect(second.items.map((c) => c.candidateId)).toEqual(["c2", "c1", "c7"]);
      expect(second.next).toBeNull();
      // A desk is the territory it serves: Bologna's Navile desk, the Imola desk, Bologna as a whole.
      const navile = { municipalities: ["037006"], areas: ["navile"] };
      expect(
        (await lists.openCases(operator, { desk: navile })).items.map((c) => [c.candidateId, c.area]),
      ).toEqual([
        ["c7", "navile"],
        ["c1", "navile"],
        ["c3", "navile"],
        ["c4", "navile"],
      ]);
      expect(
        (await lists.openCases(operator, { desk: { municipalities: ["037032"] } })).items.map((c) => [
          c.candidateId,
          c.municipality,
          c.channel,
        ]),
      ).toEqual([["c2", "037032", "online_form"]]);
      expect(
        (
          await lists.openCases(
            operator,
            { desk: { municipalities: ["037006"] }, state: "applied" },
            { sort: "candidateId", descending: true },
          )
        ).items.map((c) => c.candidateId),
      ).toEqual(["c3b", "c1"]);
      await expect(lists.openCases(operator, { desk: { municipalities: [] } })).rejects.toBeInstanceOf(
        RangeError,
      );
      await lists.close();
    });

    it("waiting beyond a threshold, internships ending, pending proposals, opportunities, pipeline", async () => {
      const { lists } = await ready();
      const asOf = "2017-03-20";
      expect(
        (await lists.waiting(operator, { asOf, days: 14, stage: "screening" })).items.map(
          (c) => c.candidateId,
        ),
      ).toEqual(["c1", "c3b"]);
      expect(
        (await lists.waiting(operator, { asOf, days: 14, stage: "firstInterview" })).items.map(
          (c) => c.candidateId,
        ),
      ).toEqual(["c2"]);
      expect(
        (await lists.internshipsEnding(operator, { asOf: "2017-09-01", days: 30 })).items.map(
          (c) => c.internshipId,
        ),
      ).toEqual(["i4"]);
      expect((await lists.internshipsEnding(operator, { asOf: "2017-06-01", days: 30 })).items).toEqual([]);
      expect((await lists.pendingProposals(operator)).items.map((c) => c.proposalId)).toEqual(["p3"]);
      expect((await lists.openOpportunities(operator, "co-a")).items).toEqual([
        {
          opportunityId: "o1",
          companyId: "co-a",
          kind: "tirocinio",
          occupationGroup: "5",
          positions: 2,
          offeredOn: "2017-02-01",
        },
      ]);
      expect(await lists.pipeline(operator)).toEqual({
        applied: 2,
        fragility_conclamata: 1,
        closed: 1,
        hired: 1,
        internship: 1,
        not_in_target: 1,
        proposed: 1,
        screened: 1,
        withdrawn: 1,
      });
      await lists.close();
    });

    it("follow-ups due 6 and 12 months after a hiring (end of month kept), overdue ones included", async () => {
      const { lists } = await ready();
      const due = async (asOf: string, days: number) =>
        (await lists.followUpsDue(operator, { asOf, days })).items;
      expect(await due("2017-02-01", 14)).toEqual([]);
      expect(await due("2017-02-20", 14)).toEqual([
        { candidateId: "c7", companyId: "co-a", hiredOn: "2016-08-31", months: 6, dueOn: "2017-02-28" },
      ]);
      // c8's 6-month check was recorded (another contact and the contract's end close nothing): its 12-month
      // one stays due, as does a follow-up of a closed case.
      expect((await due("2017-09-20", 0)).map((f) => [f.candidateId, f.months, f.dueOn])).toEqual([
        ["c7", 6, "2017-02-28"],
        ["c7", 12, "2017-08-31"],
        ["c8", 12, "2017-09-10"],
      ]);
      await expect(lists.followUpsDue(companyA, { asOf: "2017-09-01", days: 0 })).rejects.toBeInstanceOf(
        WorklistForbidden,
      );
      await lists.close();
    });

    it("the project pipeline: projects by kind and state, the jobs they created", async () => {
      const { lists } = await ready();
      expect(await lists.projectPipeline(operator)).toEqual({
        autoimpiego: { byState: { approved: 1, not_eligible: 1 }, jobsCreated: 3 },
        sociale: { byState: { waiting: 1 }, jobsCreated: 0 },
      });
      expect((await lists.projects(operator)).items.map((p) => p.projectId)).toEqual(["p3", "p1", "p2"]);
      expect((await lists.projects(operator, { kind: "autoimpiego", state: "approved" })).items).toEqual([
        {
          projectId: "p1",
          kind: "autoimpiego",
          state: "approved",
          promoters: 1,
          requestedGrantCents: 500000,
          grantedCents: 400000,
          jobsCreated: 3,
          submittedOn: "2017-01-10",
          stateSince: "2017-03-01",
        },
      ]);
      const byGrant = await lists.projects(
        operator,
        {},
        { sort: "requestedGrantCents", descending: true, limit: 2 },
      );
      expect(byGrant.items.map((p) => p.projectId)).toEqual(["p2", "p1"]);
      expect(byGrant.next).toBe(2);
      await expect(lists.projects(companyA)).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(lists.projectPipeline(companyA)).rejects.toBeInstanceOf(WorklistForbidden);
      await lists.close();
    });

    it("a person's cases by the keyed hash, and the code is never stored", async () => {
      const { lists } = await ready();
      expect((await lists.casesOfPerson(operator, "k1")).items.map((c) => c.candidateId)).toEqual([
        "c1",
        "c4",
      ]);
      const columns = await lists.db.all<Record<string, unknown>>("SELECT * FROM worklist_cases");
      expect(JSON.stringify(columns)).not.toMatch(/[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]/);
      await lists.close();
    });

    it("attacker: a company sees only its own proposals, internships and opportunities, in its own view", async () => {
      const { lists } = await ready();
      const a = await lists.pendingProposals(companyA);
      expect(a.items).toEqual([
        {
          candidateId: "c3",
          state: "proposed",
          proposalId: "p3",
          proposedOn: "2017-03-12",
          internshipId: null,
          internshipEnd: null,
        },
      ]);
      // No operator, territory, channel or other company in what a company reads.
      expect(Object.keys(a.items[0] ?? {})).not.toContain("operator");
      expect(JSON.stringify(a)).not.toMatch(/037006|navile|op-1|co-b/);
      expect((await lists.pendingProposals(companyB)).items).toEqual([]);
      expect((await lists.internshipsEnding(companyA, { asOf: "2017-09-01", days: 30 })).items).toEqual([]);
      expect(
        (await lists.internshipsEnding(companyB, { asOf: "2017-09-01", days: 30 })).items.map(
          (c) => c.internshipId,
        ),
      ).toEqual(["i4"]);
      expect((await lists.openOpportunities(companyB, "co-a")).items).toEqual([]);
      expect((await lists.openOpportunities(companyA, "co-a")).items.map((o) => o.opportunityId)).toEqual([
        "o1",
      ]);
      // A company id that tries to widen the filter matches nothing.
      const forged = { role: "company", companyId: "co-a' OR '1'='1" } as const;
      expect((await lists.pendingProposals(forged)).items).toEqual([]);
      expect((await lists.internshipsEnding(forged, { asOf: "2017-01-01", days: 3650 })).items).toEqual([]);
      await expect(lists.openCases(companyA)).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(
        lists.waiting(companyA, { asOf: "2017-03-20", days: 1, stage: "screening" }),
      ).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(lists.casesOfPerson(companyA, "k1")).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(lists.pipeline(companyB)).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(lists.openCases(operator, {}, { limit: 10_000 })).rejects.toBeInstanceOf(RangeError);
      await expect(
        lists.openCases(operator, {}, { sort: "state; DROP TABLE worklist_cases" as "state" }),
      ).rejects.toBeInstanceOf(RangeError);
      await expect(
        lists.projects(operator, {}, { sort: "constructor" as "projectId" }),
      ).rejects.toBeInstanceOf(RangeError);
      await lists.close();
    });

    it("each event applied exactly once; a rebuild from zero gives the same lists; follows live appends", async () => {
      const { store, lists } = await ready();
      const before = await lists.db.all("SELECT * FROM worklist_cases ORDER BY candidate_id");
      const events = [];
      for await (const e of store.readAll()) events.push(e);
      await lists.apply(events); // a replayed batch changes nothing
      expect(await lists.db.all("SELECT * FROM worklist_cases ORDER BY candidate_id")).toEqual(before);
      expect(await lists.checkpoint()).toBe(await store.headPosition());
      await lists.rebuild(store);
      expect(await lists.db.all("SELECT * FROM worklist_cases ORDER BY candidate_id")).toEqual(before);
      const following = await lists.follow(store);
      const closed = await store.append(
        "candidate-c1",
        [event("CaseClosed", { candidateId: "c1" }, "2017-04-01")],
        0,
      );
      expect(E.isRight(closed)).toBe(true);
      for (let i = 0; i < 200 && (await lists.checkpoint()) !== (await store.headPosition()); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect((await lists.openCases(operator)).items.map((c) => c.candidateId)).toEqual([
        "c7",
        "c2",
        "c3",
        "c3b",
        "c4",
      ]);
      await following.stop();
      await lists.close();
    });

    it("live under load: batches of many events, each applied once, two followers taking turns", async () => {
      const { store, lists } = await ready();
      const second = await Worklists.open(lists.db);
      const batches: number[] = [];
      const spy = (target: Worklists) => {
        const apply = target.apply.bind(target);
        target.apply = async (events) => {
          batches.push(events.length);
          return apply(events);
        };
      };
      spy(lists);
      spy(second);
      const followers = [await lists.follow(store), await second.follow(store)];
      const writers = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 40; i++) {
          const r = await store.append(
            "project-p1",
            [
              event(
                "ProjectJobsCreated",
                { projectId: "p1", kind: "autoimpiego", jobs: 1 },
                "2017-06-01",
                `op-${w}`,
              ),
            ],
            "any",
          );
          if (E.isLeft(r)) throw new Error(r.left.message);
        }
      });
      await Promise.all(writers);
      const head = await store.headPosition();
      for (let i = 0; i < 500 && (await lists.checkpoint()) !== head; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(await lists.checkpoint()).toBe(head);
      for (const f of followers) await f.stop();
      const pipeline = await lists.projectPipeline(operator);
      expect(pipeline.autoimpiego?.jobsCreated).toBe(3 + 320);
      // At least one transaction carried several events.
      expect(Math.max(...batches)).toBeGreaterThan(1);
      const live = await everything(lists);
      await lists.rebuild(store);
      expect(await everything(lists)).toEqual(live);
      await lists.close();
    });

    it("one event per transaction and the whole log in one transaction give the same rows", async () => {
      const { store, lists } = await ready();
      const events = [];
      for await (const e of store.readAll()) events.push(e);
      const whole = await everything(lists);
      await clearWorklists(lists.db);
      expect(await lists.checkpoint()).toBeNull();
      for (const e of events) await lists.apply([e]);
      expect(await everything(lists)).toEqual(whole);
      await clearWorklists(lists.db);
      await lists.apply(events);
      expect(await everything(lists)).toEqual(whole);
      await lists.close();
    });

    it("tables of another schema version are replaced, and the next catch-up rebuilds the lists", async () => {
      const { store, lists } = await ready();
      const before = await lists.openCases(operator);
      await lists.db.run("UPDATE worklist_schema SET version = 1 WHERE name = 'worklists'");
      const reopened = await Worklists.open(lists.db);
      expect(await reopened.checkpoint()).toBeNull();
      expect((await reopened.openCases(operator)).items).toEqual([]);
      await reopened.catchUp(store);
      expect(await reopened.openCases(operator)).toEqual(before);
      await reopened.close();
    });
  });
};
