import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { application, cmd, IN_TARGET_SCORES, makeWorld, operator, referent } from "./support/fixtures.js";
import { must, ruleOf } from "./support/outcomes.js";
import { approvedProject } from "./support/projects.js";

const AT = "2018-03-01T09:00:00Z";
const statusOf = (view: { readonly view: string }): string | undefined =>
  "status" in view ? String((view as { status: string }).status) : undefined;
const LATER = "2018-06-01T09:00:00Z";

const eventsOf = async (w: ReturnType<typeof makeWorld>, stream: string) => {
  const out = [];
  for await (const e of w.store.readAll()) if (e.streamId === stream) out.push(e);
  return out;
};

describe("CorrectFact through the service", () => {
  it("given a mistyped budget, a technical referent amends it; an operator may not; below the commitments it is refused", async () => {
    const w = makeWorld();
    await approvedProject(w, 100_000_000_00);
    const amend = (amountCents: number, actor: typeof operator | typeof referent = referent) =>
      cmd(
        "CorrectFact",
        {
          stream: "fund-2018",
          revision: 0,
          action: "amend",
          fields: { amountCents },
          reason: "typing_error",
        },
        LATER,
        actor,
      );
    expect(ruleOf(await w.insieme.execute(amend(1_000_000, operator)))).toBe("correction-role-not-allowed");
    const head = await w.store.headPosition();
    const refused = await w.insieme.execute(amend(500_000));
    expect(ruleOf(refused)).toBe("fund-over-commitment");
    expect(await w.store.headPosition()).toBe(head);
    const done = await must(w.insieme.execute(amend(1_000_000)));
    expect(done.written[0]?.events[0]?.type).toBe("FactCorrected");
    const fund = await must(w.insieme.readFund(2018, referent));
    expect(fund.availableCents.comune_bologna).toBe(400_000);
    // A commitment is not corrected (the project's own commands give money back): correction-not-allowed.
    const events = await eventsOf(w, "fund-2018");
    const commitment = events.find((e) => e.type === "FundCommitted");
    expect(commitment).toBeDefined();
    const headBefore = await w.store.headPosition();
    const commitmentCorrected = await w.insieme.execute(
      cmd(
        "CorrectFact",
        { stream: "fund-2018", eventId: commitment?.eventId ?? "", action: "void", reason: "other" },
        LATER,
        referent,
      ),
    );
    expect(ruleOf(commitmentCorrected)).toBe("correction-not-allowed");
    expect(await w.store.headPosition()).toBe(headBefore);
    // The recorded allocation is never rewritten.
    const [allocation] = events;
    expect((allocation?.data as { amountCents: number } | undefined)?.amountCents).toBe(100_000_000_00);
    // The budget is no longer refused as "already allocated": it is corrected, not allocated twice.
    expect(
      ruleOf(
        await w.insieme.execute(
          cmd("AllocateBudget", { year: 2018, source: "comune_bologna", amountCents: 5 }, AT, referent),
        ),
      ),
    ).toBe("budget-already-allocated");
  });

  it("given a screening in target by mistake, the correction to not in target ends the case and frees the person; correcting it back re-opens it", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 1)));
    await must(
      w.insieme.execute(
        cmd("ScreenCandidate", { candidateId: "c1", inOtherActiveMeasure: false, scores: IN_TARGET_SCORES }),
      ),
    );
    const [, screening] = await eventsOf(w, "candidate-c1");
    const out = await must(
      w.insieme.execute(
        cmd("CorrectFact", {
          stream: "candidate-c1",
          eventId: screening?.eventId ?? "",
          action: "amend",
          fields: { outcome: "not_in_target", notInTargetReason: "outside_metro_area" },
          reason: "later_information",
        }),
      ),
    );
    expect(out.written.flatMap((x) => x.events.map((e) => e.type))).toEqual([
      "FactCorrected",
      "PersonCaseClosed",
    ]);
    expect(statusOf(await must(w.insieme.readCandidate("c1", operator)))).toBe("out_of_target");
    const back = await must(
      w.insieme.execute(
        cmd("CorrectFact", {
          stream: "candidate-c1",
          revision: 1,
          action: "amend",
          fields: { outcome: "in_target" },
          reason: "typing_error",
        }),
      ),
    );
    expect(back.written.flatMap((x) => x.events.map((e) => e.type))).toEqual([
      "FactCorrected",
      "PersonCaseOpened",
    ]);
    expect(statusOf(await must(w.insieme.readCandidate("c1", operator)))).toBe("in_target");
  });

  it("refuses what the correction rules do not allow, naming the rule, and writes nothing", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 1)));
    const head = await w.store.headPosition();
    const tries = [
      cmd("CorrectFact", { stream: "candidate-c1", revision: 0, action: "void", reason: "recorded_twice" }),
      cmd("CorrectFact", {
        stream: "candidate-c1",
        revision: 0,
        action: "amend",
        fields: { candidateId: "c2" },
        reason: "typing_error",
      }),
      cmd("CorrectFact", {
        stream: "candidate-c1",
        revision: 0,
        action: "amend",
        fields: { gender: "robot" },
        reason: "typing_error",
      }),
      cmd("CorrectFact", { stream: "candidate-c1", revision: 7, action: "void", reason: "other" }),
      cmd("CorrectFact", {
        stream: "candidate-c1",
        eventId: "no-such-event",
        action: "void",
        reason: "other",
      }),
    ];
    const rules = [];
    for (const t of tries) rules.push(ruleOf(await w.insieme.execute(t)));
    expect(rules).toEqual([
      "correction-void-not-allowed",
      "correction-field-not-correctable",
      "correction-field-invalid",
      "correction-target-not-found",
      "correction-target-not-found",
    ]);
    expect(
      ruleOf(
        await w.insieme.execute(
          cmd("CorrectFact", {
            stream: "candidate-c1",
            revision: 0,
            action: "void",
            reason: "other",
            fields: { gender: "male" },
          }),
        ),
      ),
    ).toBe("InvalidCommand");
    expect(await w.store.headPosition()).toBe(head);
  });

  it("attacker: field names that are Object's own (__proto__, constructor, toString) are not correctable fields; nothing is written", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 1)));
    const head = await w.store.headPosition();
    const tries = [
      JSON.parse('{"__proto__": {"gender": "female"}}') as unknown,
      { constructor: 1 },
      { toString: "x" },
      { hasOwnProperty: "gender" },
    ].map((fields, i) => ({
      ...cmd("CorrectFact", {
        stream: "candidate-c1",
        revision: 0,
        action: "amend",
        fields,
        reason: "typing_error",
      }),
      commandId: `attack-${i}`,
    }));
    const results = [];
    for (const t of tries) {
      const r = await w.insieme.execute(t as Parameters<typeof w.insieme.execute>[0]);
      results.push([ruleOf(r), E.isLeft(r) && r.left._tag === "DomainError" ? r.left.details : undefined]);
    }
    expect(results.map(([rule]) => rule)).toEqual(Array(4).fill("correction-field-not-correctable"));
    expect(results.map(([, details]) => (details as { field: string }).field)).toEqual([
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
    ]);
    expect(await w.store.headPosition()).toBe(head);
  });

  it("amends the birth year and recomputes the age band; the same correction again is a duplicate", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 1)));
    const correction = cmd("CorrectFact", {
      stream: "candidate-c1",
      revision: 0,
      action: "amend",
      fields: { birthYear: 1996 },
      reason: "typing_error",
    });
    const first = await must(w.insieme.execute(correction));
    const data = first.written[0]?.events[0]?.data as unknown as {
      data: { profile: { birthYear: number; ageBand: string } };
    };
    expect(data.data.profile).toMatchObject({ birthYear: 1996, ageBand: "18_24" });
    const again = await must(w.insieme.execute(correction));
    expect(again.duplicate).toBe(true);
  });
});
