import { InMemoryEventStore, type NewEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { SqlDatabase } from "../src/index.js";
import { type Viewer, WorklistForbidden, Worklists } from "../src/index.js";

const operator: Viewer = { role: "operator" };
const companyA: Viewer = { role: "company", companyId: "co-a" };
const companyB: Viewer = { role: "company", companyId: "co-b" };

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
  const applied = (id: string, key: string, day: string, actor = "op-1") =>
    event("CandidateApplied", { candidateId: id, personKey: key, appliedOn: day }, day, actor);
  await append("candidate-c1", [applied("c1", "k1", "2017-03-01")]);
  await append("candidate-c2", [
    applied("c2", "k2", "2017-03-02", "op-2"),
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
  await append("candidate-c5", [
    applied("c5", "k5", "2017-03-05"),
    event("CandidateScreened", { candidateId: "c5", outcome: "not_in_target" }, "2017-03-06"),
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

    it("open cases by state and operator, sorted and paged", async () => {
      const { lists } = await ready();
      const all = await lists.openCases(operator);
      expect(all.items.map((c) => c.candidateId)).toEqual(["c1", "c2", "c3", "c4"]);
      expect(
        (await lists.openCases(operator, { state: "screened" })).items.map((c) => c.candidateId),
      ).toEqual(["c2"]);
      expect((await lists.openCases(operator, { operator: "op-2" })).items.map((c) => c.candidateId)).toEqual(
        ["c2"],
      );
      const first = await lists.openCases(operator, {}, { limit: 3, sort: "appliedOn", descending: true });
      expect(first.items.map((c) => c.candidateId)).toEqual(["c4", "c3", "c2"]);
      expect(first.next).toBe(3);
      const second = await lists.openCases(operator, {}, { limit: 3, offset: 3, descending: true });
      expect(second).toEqual({ items: [expect.objectContaining({ candidateId: "c1" })], next: null });
      await lists.close();
    });

    it("waiting beyond a threshold, internships ending, pending proposals, opportunities, pipeline", async () => {
      const { lists } = await ready();
      const asOf = "2017-03-20";
      expect(
        (await lists.waiting(operator, { asOf, days: 14, stage: "screening" })).items.map(
          (c) => c.candidateId,
        ),
      ).toEqual(["c1"]);
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
        applied: 1,
        internship: 1,
        not_in_target: 1,
        proposed: 1,
        screened: 1,
      });
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

    it("attacker: a company sees only its own proposals, internships and opportunities, and no operator list", async () => {
      const { lists } = await ready();
      expect((await lists.pendingProposals(companyA)).items.map((c) => c.proposalId)).toEqual(["p3"]);
      expect((await lists.pendingProposals(companyB)).items).toEqual([]);
      expect((await lists.internshipsEnding(companyA, { asOf: "2017-09-01", days: 30 })).items).toEqual([]);
      expect((await lists.openOpportunities(companyB, "co-a")).items).toEqual([]);
      await expect(lists.openCases(companyA)).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(lists.casesOfPerson(companyA, "k1")).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(lists.pipeline(companyB)).rejects.toBeInstanceOf(WorklistForbidden);
      await expect(lists.openCases(operator, {}, { limit: 10_000 })).rejects.toBeInstanceOf(RangeError);
      await expect(
        lists.openCases(operator, {}, { sort: "state; DROP TABLE worklist_cases" as "state" }),
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
      expect((await lists.openCases(operator)).items.map((c) => c.candidateId)).toEqual(["c2", "c3", "c4"]);
      await following.stop();
      await lists.close();
    });
  });
};
