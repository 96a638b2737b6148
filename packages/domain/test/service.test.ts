import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createInsieme,
  domainRegistry,
  FilePersonalDataVault,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
} from "@insieme/domain";
import {
  InMemoryEventStore,
  sequentialIds,
  steppingClock,
  type WrongExpectedRevision,
  wrongExpectedRevision,
} from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { hiring, makeActive, proposal } from "./support/candidate-path.js";
import {
  application,
  auditor,
  boardMembersOnly,
  cmd,
  companyUser,
  HMAC_KEY,
  IN_TARGET_SCORES,
  joinBoard,
  makeWorld,
  operator,
  referent,
  type World,
} from "./support/fixtures.js";
import { must, ruleOf } from "./support/outcomes.js";
import { projectSubmission } from "./support/projects.js";

/** Enough internships on one fund to make its writers interleave, and a budget for all of them. */
const MANY = { count: 30, budgetCents: 10_000_000, allowanceCents: 100_000 };

/**
 * `count` candidates ready for an internship with the same company, then all their internships started at once
 * on the fund of 2018. The store's appends take a turn of the event loop, like a durable store's, so the writers
 * interleave; `refuse` may refuse an append (given the stream, its revision and the expected one).
 */
const concurrentInternships = async (setup: {
  readonly count: number;
  readonly budgetCents: number;
  readonly allowanceCents: number;
  readonly refuse?: (
    streamId: string,
    revision: number | null,
    expected: unknown,
  ) => E.Either<WrongExpectedRevision, never> | undefined;
}) => {
  const refuse = setup.refuse ?? (() => undefined);
  class SlowStore extends InMemoryEventStore {
    override async append(...args: Parameters<InMemoryEventStore["append"]>) {
      await new Promise((resolve) => setImmediate(resolve));
      const refused = refuse(args[0], (await this.streamState(args[0])).revision, args[2]);
      return refused ?? super.append(...args);
    }
  }
  const store = new SlowStore(steppingClock("2026-01-01T00:00:00Z"));
  const insieme = createInsieme({
    configuration: ILLUSTRATIVE_CONFIGURATION,
    store,
    ids: sequentialIds("id"),
    personKey: HMAC_KEY,
    vault: new InMemoryPersonalDataVault(),
    clock: steppingClock("2018-06-01T09:00:00Z"),
  });
  const w = { insieme, store, vault: new InMemoryPersonalDataVault() };
  await must(
    insieme.execute(
      cmd("AllocateBudget", { year: 2018, source: "comune_bologna", amountCents: setup.budgetCents }),
    ),
  );
  await must(insieme.execute(joinBoard("acme")));
  for (let i = 0; i < setup.count; i++) {
    await makeActive(w, `c${i}`, 300 + i);
    await must(insieme.execute(proposal(`c${i}`, "acme")));
  }
  const results = await Promise.all(
    Array.from({ length: setup.count }, (_, i) =>
      insieme.execute(
        cmd("StartInternship", {
          candidateId: `c${i}`,
          internshipId: "t1",
          proposalId: "p1",
          startDate: "2018-04-01",
          plannedEndDate: "2018-06-30",
          allowanceCents: setup.allowanceCents,
          source: "comune_bologna",
        }),
      ),
    ),
  );
  return { results, insieme, store };
};

describe("application service: cross-stream rules", () => {
  it("person-has-open-case: the same codice fiscale cannot open two cases, and nothing is written", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 42)));
    const head = await w.store.headPosition();
    const again = await w.insieme.execute(application("c2", 42, { channel: "desk" }));
    expect(ruleOf(again)).toBe("person-has-open-case");
    expect(await w.store.headPosition()).toBe(head);
  });

  it("the same person may apply again once the case is closed, keeping the person id", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 42)));
    await must(w.insieme.execute(cmd("CloseCase", { candidateId: "c1", reason: "dropped_out" })));
    await must(w.insieme.execute(application("c2", 42)));
    const [a, b] = await Promise.all([
      must(w.insieme.readCandidate("c1", auditor)),
      must(w.insieme.readCandidate("c2", auditor)),
    ]);
    expect(a.view === "pseudonymous" && b.view === "pseudonymous" && a.personId === b.personId).toBe(true);
  });

  it("a negative screening frees the person for a later application", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 7, { unemploymentDuration: "employed" })));
    await must(
      w.insieme.execute(
        cmd("ScreenCandidate", { candidateId: "c1", inOtherActiveMeasure: false, scores: null }),
      ),
    );
    await must(w.insieme.execute(application("c2", 7)));
  });

  it("concurrent applications of one person: exactly one opens a case", async () => {
    const w = makeWorld();
    const results = await Promise.all([1, 2, 3, 4].map((i) => w.insieme.execute(application(`c${i}`, 99))));
    expect(results.filter(E.isRight)).toHaveLength(1);
    expect(results.filter(E.isLeft).map(ruleOf)).toEqual([
      "person-has-open-case",
      "person-has-open-case",
      "person-has-open-case",
    ]);
  });

  it("hiring-company-not-in-board (a programme whose rules limit hirings to Board members)", async () => {
    const w = makeWorld(boardMembersOnly());
    await must(w.insieme.execute(joinBoard("acme")));
    await makeActive(w, "c1", 1);
    await must(w.insieme.execute(proposal("c1", "acme")));
    await must(w.insieme.execute(cmd("LeaveBoard", { companyId: "acme", reason: "withdrew" })));
    const head = await w.store.headPosition();
    const hired = await w.insieme.execute(hiring("c1", "acme", { contractType: "permanent" }));
    expect(ruleOf(hired)).toBe("hiring-company-not-in-board");
    expect(await w.store.headPosition()).toBe(head);
  });

  it("placement-company-not-in-board for a company that never joined (Board members only)", async () => {
    const w = makeWorld(boardMembersOnly());
    await makeActive(w, "c1", 1);
    const r = await w.insieme.execute(proposal("c1", "ghost"));
    expect(ruleOf(r)).toBe("placement-company-not-in-board");
  });

  it("placement-requires-in-target through the service", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(joinBoard("acme")));
    await must(w.insieme.execute(application("c1", 1)));
    const r = await w.insieme.execute(proposal("c1", "acme"));
    expect(ruleOf(r)).toBe("placement-requires-in-target");
  });

  it("fund-over-commitment: an internship beyond the budget writes nothing", async () => {
    const w = makeWorld();
    await must(
      w.insieme.execute(cmd("AllocateBudget", { year: 2018, source: "arcidiocesi", amountCents: 100_000 })),
    );
    await must(w.insieme.execute(joinBoard("acme")));
    await makeActive(w, "c1", 1);
    await must(w.insieme.execute(proposal("c1", "acme")));
    const head = await w.store.headPosition();
    const r = await w.insieme.execute(
      cmd("StartInternship", {
        candidateId: "c1",
        internshipId: "t1",
        proposalId: "p1",
        startDate: "2018-04-01",
        plannedEndDate: "2018-06-30",
        allowanceCents: 100_001,
        source: "arcidiocesi",
      }),
    );
    expect(ruleOf(r)).toBe("fund-over-commitment");
    expect(await w.store.headPosition()).toBe(head);
  });

  it("concurrent internships and grants never over-commit the fund", async () => {
    const { results, insieme } = await concurrentInternships({
      count: 12,
      budgetCents: 1_000_000,
      allowanceCents: 300_000,
    });
    expect(results.filter(E.isRight)).toHaveLength(3);
    expect(new Set(results.filter(E.isLeft).map(ruleOf))).toEqual(new Set(["fund-over-commitment"]));
    const fund = await must(insieme.readFund(2018, referent));
    expect(fund.committedCents.comune_bologna).toBe(900_000);
  });

  it("many concurrent internships on one year's fund all commit: writers in one process queue, none exhausts its retries", async () => {
    const { results, insieme } = await concurrentInternships(MANY);
    expect(results.filter(E.isLeft).map((r) => (E.isLeft(r) ? r.left._tag : ""))).toEqual([]);
    const fund = await must(insieme.readFund(2018, referent));
    expect(fund.committedCents.comune_bologna).toBe(MANY.count * MANY.allowanceCents);
  });

  it("a refused append on the busy fund voids what was decided on top of it: every internship still commits once", async () => {
    let fundAppends = 0;
    const refuseFifthFundAppend = (streamId: string, revision: number | null, expected: unknown) =>
      streamId === "fund-2018" && ++fundAppends === 5
        ? E.left(wrongExpectedRevision(streamId, String(expected), revision))
        : undefined;
    const { results, insieme, store } = await concurrentInternships({
      ...MANY,
      refuse: refuseFifthFundAppend,
    });
    expect(results.filter(E.isLeft).map((r) => (E.isLeft(r) ? r.left._tag : ""))).toEqual([]);
    const fund = await must(insieme.readFund(2018, referent));
    expect(fund.committedCents.comune_bologna).toBe(MANY.count * MANY.allowanceCents);
    const commitments: string[] = [];
    for await (const e of store.readStream("fund-2018"))
      if (e.type === "FundCommitted") commitments.push((e.data as { commitmentId: string }).commitmentId);
    expect(new Set(commitments).size).toBe(MANY.count);
    expect(commitments).toHaveLength(MANY.count);
  });

  it("approving a project commits its grant; decision-requires-evaluation otherwise", async () => {
    const w = makeWorld();
    await must(
      w.insieme.execute(cmd("AllocateBudget", { year: 2018, source: "arcidiocesi", amountCents: 1_000_000 })),
    );
    await must(w.insieme.execute(projectSubmission("pr1", "sociale", 800_000)));
    const approve = () =>
      cmd("ApproveProject", {
        projectId: "pr1",
        grantCents: 800_000,
        microcreditCents: 0,
        source: "arcidiocesi",
      });
    const early = await w.insieme.execute(approve());
    expect(ruleOf(early)).toBe("decision-requires-evaluation");
    await must(w.insieme.execute(cmd("StartProjectEvaluation", { projectId: "pr1" })));
    await must(w.insieme.execute(approve()));
    const fund = await must(w.insieme.readFund(2018, auditor));
    expect(fund.availableCents.arcidiocesi).toBe(200_000);
    expect((await must(w.insieme.readProject("pr1", auditor))).status).toBe("approved");
  });

  it("promoter-not-found", async () => {
    const w = makeWorld();
    const r = await w.insieme.execute(projectSubmission("pr1", "autoimpiego", 0, ["nobody"]));
    expect(ruleOf(r)).toBe("promoter-not-found");
  });

  it("no-configuration-in-force before the configuration's first version", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 1, { channel: "desk" })));
    const r = await w.insieme.execute(
      cmd(
        "ScreenCandidate",
        { candidateId: "c1", inOtherActiveMeasure: false, scores: IN_TARGET_SCORES },
        "2016-05-01T00:00:00Z",
      ),
    );
    expect(ruleOf(r)).toBe("no-configuration-in-force");
  });
});

describe("application service: roles and validation", () => {
  it("role-not-allowed: auditors send no commands, companies do not screen, operators do not approve", async () => {
    const w = makeWorld();
    expect(ruleOf(await w.insieme.execute({ ...joinBoard("x"), actor: auditor }))).toBe("role-not-allowed");
    expect(
      ruleOf(
        await w.insieme.execute({
          ...cmd("ScreenCandidate", { candidateId: "c1", inOtherActiveMeasure: false, scores: null }),
          actor: companyUser("a"),
        }),
      ),
    ).toBe("role-not-allowed");
    expect(
      ruleOf(
        await w.insieme.execute({ ...cmd("StartProjectEvaluation", { projectId: "p" }), actor: operator }),
      ),
    ).toBe("role-not-allowed");
  });

  it("company-acts-only-for-itself", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(joinBoard("acme")));
    const r = await w.insieme.execute({
      ...cmd("OfferOpportunity", {
        companyId: "acme",
        opportunityId: "o",
        kind: "job",
        occupationGroup: 4,
        positions: 1,
        contractType: null,
      }),
      actor: companyUser("other"),
    });
    expect(ruleOf(r)).toBe("company-acts-only-for-itself");
    expect(ruleOf(await w.insieme.readCompany("acme", companyUser("other")))).toBe(
      "company-acts-only-for-itself",
    );
  });

  it("an invalid command names the field", async () => {
    const w = makeWorld();
    const r = await w.insieme.execute(
      application("c1", 1, { residence: { municipalityIstat: "37006", quartiere: "Navile" } }),
    );
    expect(E.isLeft(r) && r.left._tag === "InvalidCommand" && r.left.issues.map((i) => i.path)).toEqual([
      "data.residence.municipalityIstat",
      "data.residence.quartiere",
    ]);
    const noArea = await w.insieme.execute(
      application("c1", 1, { residence: { municipalityIstat: "037006", quartiere: null } }),
    );
    expect(ruleOf(noArea)).toBe("residence-area-required");
    const bad = await w.insieme.execute({ ...application("c1", 1), type: "Nope" });
    expect(E.isLeft(bad) && bad.left._tag === "InvalidCommand" && bad.left.issues[0]?.path).toBe("type");
    const cf = await w.insieme.execute(
      application("c1", 1, {
        personal: {
          givenName: "A",
          familyName: "B",
          codiceFiscale: "RSSMRA85T10A562X",
          email: null,
          phone: null,
        },
      }),
    );
    expect(E.isLeft(cf) && cf.left._tag === "InvalidCommand" && cf.left.message).toContain(
      "data.personal.codiceFiscale",
    );
  });

  it("a repeated command id is answered with its first outcome and writes nothing", async () => {
    const w = makeWorld();
    const join = joinBoard("acme");
    const first = await must(w.insieme.execute(join));
    const head = await w.store.headPosition();
    const second = await must(w.insieme.execute(join));
    expect(second.duplicate).toBe(true);
    expect(second.written[0]?.events).toEqual(first.written[0]?.events);
    expect(await w.store.headPosition()).toBe(head);
  });
});

/** A second instance on the world's store and vault, as another process would be (ids of its own). */
const anotherInstance = (w: World) =>
  createInsieme({
    configuration: ILLUSTRATIVE_CONFIGURATION,
    store: w.store,
    ids: sequentialIds("other"),
    personKey: HMAC_KEY,
    vault: w.vault,
  });

describe("application service: several processes on one store", () => {
  it("a command repeated through another instance is recognised from the store and writes nothing", async () => {
    const w = makeWorld();
    const other = anotherInstance(w);
    const join = joinBoard("acme");
    await must(w.insieme.execute(join));
    const head = await w.store.headPosition();
    expect((await must(other.execute(join))).duplicate).toBe(true);
    expect(await w.store.headPosition()).toBe(head);
  });

  it("an instance with a stale cached fund decides again on the store's latest events and never over-commits", async () => {
    const w = makeWorld();
    const other = anotherInstance(w);
    const project = (id: string) => projectSubmission(id, "autoimpiego");
    await must(
      w.insieme.execute(cmd("AllocateBudget", { year: 2018, source: "comune_bologna", amountCents: 500 })),
    );
    for (const id of ["p1", "p2"]) {
      await must(w.insieme.execute(project(id)));
      await must(w.insieme.execute(cmd("StartProjectEvaluation", { projectId: id })));
    }
    expect((await must(other.readFund(2018, referent))).availableCents.comune_bologna).toBe(500);
    const approve = (id: string, grantCents: number) =>
      cmd("ApproveProject", { projectId: id, grantCents, microcreditCents: 0, source: "comune_bologna" });
    await must(w.insieme.execute(approve("p1", 400)));
    expect(ruleOf(await other.execute(approve("p2", 200)))).toBe("fund-over-commitment");
    expect((await must(other.readFund(2018, referent))).availableCents.comune_bologna).toBe(100);
  });
});

describe("personal data", () => {
  it("erasure: events still decode, the pseudonymous state is unchanged, personal fields read as erased", async () => {
    const w = makeWorld();
    await makeActive(w, "c1", 5);
    await must(
      w.insieme.execute(
        cmd("RecordCaseNote", { candidateId: "c1", noteId: "n1", text: "Lives with her mother" }),
      ),
    );
    const before = await must(w.insieme.readCandidate("c1", operator));
    if (before.view !== "case") throw new Error(before.view);
    expect(before.personal.erased).toBe(false);
    await w.insieme.erasePerson(before.personId);
    const after = await must(w.insieme.readCandidate("c1", operator));
    if (after.view !== "case") throw new Error(after.view);
    expect(after.personal).toEqual({ erased: true });
    expect(after.notes).toEqual([{ noteId: "n1", text: { erased: true } }]);
    expect(after.state).toEqual(before.state);
    for (const e of w.store.events()) expect(E.isRight(domainRegistry.decodeRecorded(e))).toBe(true);
    const note = await w.insieme.execute(
      cmd("RecordCaseNote", { candidateId: "c1", noteId: "n2", text: "x" }),
    );
    expect(ruleOf(note)).toBe("personal-data-erased");
  });

  it("no identifying value reaches the event data or the envelope", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 3)));
    const text = JSON.stringify([...w.store.events()]);
    for (const value of [
      "Maria",
      "Rossi",
      "maria@example.org",
      "051 000000",
      application("c1", 3).data.personal.codiceFiscale,
    ]) {
      expect(text).not.toContain(value);
    }
  });

  it("the file vault keeps keys across instances and erases them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "insieme-vault-"));
    try {
      const store = new InMemoryEventStore();
      const make = () =>
        createInsieme({
          configuration: ILLUSTRATIVE_CONFIGURATION,
          store,
          ids: sequentialIds(`id${Math.random()}`),
          personKey: HMAC_KEY,
          vault: new FilePersonalDataVault(dir),
        });
      await must(make().execute(application("c1", 11)));
      const view = await must(make().readCandidate("c1", operator));
      if (view.view !== "case") throw new Error(view.view);
      expect(view.personal).toMatchObject({ erased: false, value: { givenName: "Maria" } });
      expect((await readdir(dir)).every((f) => /^[0-9a-f]{64}\.key$/.test(f))).toBe(true);
      await make().erasePerson(view.personId);
      const erased = await must(make().readCandidate("c1", operator));
      expect(erased.view === "case" && erased.personal.erased).toBe(true);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("an auditor sees the pseudonymous state, without personal data", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 3)));
    const view = await must(w.insieme.readCandidate("c1", auditor));
    expect(view.view).toBe("pseudonymous");
    expect(JSON.stringify(view)).not.toContain("ciphertext");
    expect(JSON.stringify(view)).not.toContain("personKey");
  });
});
