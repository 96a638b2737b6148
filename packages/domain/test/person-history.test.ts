import { type InsiemeError, type PersonHistory, readPseudonymousPersonHistory } from "@insieme/domain";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { hiring, proposal } from "./support/candidate-path.js";
import {
  application,
  auditor,
  CV,
  cmd,
  codiceFiscale,
  companyUser,
  IN_TARGET_SCORES,
  makeWorld,
  operator,
  referent,
  SKILLS,
  type World,
} from "./support/fixtures.js";
import { must, ruleOf } from "./support/outcomes.js";

const at = (day: string) => `${day}T09:00:00Z`;

/** Applies (person n), screens in target and holds the first interview on the given days. */
const activeCase = async (w: World, candidateId: string, n: number, days: readonly string[]) => {
  const [applied = "2018-03-01", screened = applied, interviewed = screened] = days;
  await must(w.insieme.execute({ ...application(candidateId, n), occurredAt: at(applied) }));
  await must(
    w.insieme.execute(
      cmd(
        "ScreenCandidate",
        { candidateId, inOtherActiveMeasure: false, scores: IN_TARGET_SCORES },
        at(screened),
      ),
    ),
  );
  await must(
    w.insieme.execute(
      cmd(
        "RecordFirstInterview",
        { candidateId, outcome: "immediately_placeable", transversalSkills: SKILLS, cv: CV },
        at(interviewed),
      ),
    ),
  );
};

const hire = async (w: World, candidateId: string, day: string) => {
  const options = { proposalId: `p-${candidateId}`, occurredAt: at(day) };
  await must(w.insieme.execute(proposal(candidateId, "outside-1", options)));
  await must(w.insieme.execute(hiring(candidateId, "outside-1", options)));
};

const close = (w: World, candidateId: string, day: string) =>
  must(w.insieme.execute(cmd("CloseCase", { candidateId, reason: "autonomy" }, at(day))));

/** The story of one person: hired, closed, re-opened, closed; then a second application, hired again. */
const twoCases = async () => {
  const w = makeWorld();
  await activeCase(w, "c1", 1, ["2018-03-01", "2018-03-05", "2018-03-10"]);
  await hire(w, "c1", "2018-04-01");
  await close(w, "c1", "2018-05-01");
  await must(
    w.insieme.execute(cmd("ReopenCase", { candidateId: "c1", reason: "returned" }, at("2018-05-15"))),
  );
  await close(w, "c1", "2018-06-01");
  await activeCase(w, "c2", 1, ["2019-02-01", "2019-02-05", "2019-02-10"]);
  await must(
    w.insieme.execute(
      cmd("RecordSocialServicesCheck", { candidateId: "c2", result: "known" }, at("2019-02-06")),
    ),
  );
  await must(
    w.insieme.execute(
      cmd("RecordCaseNote", { candidateId: "c2", noteId: "n1", text: "prefers mornings" }, at("2019-02-11")),
    ),
  );
  await hire(w, "c2", "2019-03-01");
  const { personId } = await must(w.insieme.findPerson(codiceFiscale(1), operator));
  return { w, personId };
};

const eventId = async (w: World, stream: string, type: string): Promise<string> => {
  for await (const e of w.store.readStream(stream)) if (e.type === type) return e.eventId;
  throw new Error(`no ${type} in ${stream}`);
};

describe("the person across cases", () => {
  it("given two cases of one person (closed, re-opened, closed, re-applied, hired again), when staff read the person, then both cases and one timeline are shown", async () => {
    const { w, personId } = await twoCases();
    const history = await must(w.insieme.readPersonHistory(personId, operator));
    expect(history.view).toBe("person");
    expect(history.personId).toBe(personId);
    expect(history.cases.map((c) => c.candidateId)).toEqual(["c1", "c2"]);
    const [c1, c2] = history.cases;
    expect(c1?.status).toBe("closed");
    expect(c1?.appliedOn).toBe("2018-03-01");
    expect(c1?.closings).toEqual([
      { closedOn: "2018-05-01", reason: "autonomy" },
      { closedOn: "2018-06-01", reason: "autonomy" },
    ]);
    expect(c1?.reopenings).toEqual([
      { reopenedOn: "2018-05-15", reason: "returned", closedOn: "2018-05-01", resumedStatus: "active" },
    ]);
    expect(c1?.hirings.map((h) => [h.hiredOn, h.contractType, h.placementOrder])).toEqual([
      ["2018-04-01", "fixed_term", "first_time"],
    ]);
    expect(c2?.status).toBe("active");
    expect(c2?.screening).toEqual({ outcome: "in_target", notInTargetReason: null });
    expect(c2?.interviews).toEqual([{ heldOn: "2019-02-10", outcome: "immediately_placeable" }]);
    expect(c2?.proposals).toEqual([{ proposalId: "p-c2", companyId: "outside-1", on: "2019-03-01" }]);
    expect(c2?.hirings.map((h) => [h.hiredOn, h.placementOrder])).toEqual([["2019-03-01", "repeat"]]);
    // One timeline across the cases, in the order things happened.
    const dates = history.timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort());
    expect(history.timeline.filter((t) => t.type === "CandidateApplied").map((t) => t.candidateId)).toEqual([
      "c1",
      "c2",
    ]);
    expect(history.timeline.find((t) => t.type === "CaseReopened")?.summary).toContain("returned");
    // Staff see the personal data and the notes opened.
    if (history.view !== "person") throw new Error("expected the staff view");
    expect(history.personal).toMatchObject({ erased: false, value: { familyName: "Rossi" } });
    expect(history.notes).toEqual([
      { candidateId: "c2", noteId: "n1", text: { erased: false, value: "prefers mornings" } },
    ]);
    // A technical referent reads the same.
    expect(await must(w.insieme.readPersonHistory(personId, referent))).toEqual(history);
  });

  it("given a corrected and a voided fact, when the person is read, then the timeline shows the facts as corrected, with who, when, why and which fields, and the voided fact marked", async () => {
    const { w, personId } = await twoCases();
    const hired = await eventId(w, "candidate-c2", "CandidateHired");
    const checked = await eventId(w, "candidate-c2", "SocialServicesCrossChecked");
    await must(
      w.insieme.execute(
        cmd(
          "CorrectFact",
          {
            stream: "candidate-c2",
            eventId: hired,
            action: "amend",
            fields: { contractType: "permanent" },
            reason: "typing_error",
          },
          at("2019-03-10"),
          referent,
        ),
      ),
    );
    await must(
      w.insieme.execute(
        cmd(
          "CorrectFact",
          { stream: "candidate-c2", eventId: checked, action: "void", reason: "wrong_case" },
          at("2019-03-11"),
        ),
      ),
    );
    const history = await must(w.insieme.readPersonHistory(personId, auditor));
    const hiring = history.timeline.find((t) => t.eventId === hired);
    expect(hiring?.summary).toBe("hired by company outside-1: permanent, repeat");
    expect(hiring?.voided).toBe(false);
    expect(hiring?.corrections).toEqual([
      {
        action: "amend",
        role: "technical_referent",
        correctedAt: at("2019-03-10"),
        reason: "typing_error",
        fields: ["contractType"],
      },
    ]);
    expect(history.cases[1]?.hirings[0]?.contractType).toBe("permanent");
    const voided = history.timeline.find((t) => t.eventId === checked);
    expect(voided).toMatchObject({ voided: true, summary: "social services cross-check: known" });
    expect(voided?.corrections.map((c) => [c.action, c.role, c.reason])).toEqual([
      ["void", "operator", "wrong_case"],
    ]);
    // A correction is not a fact of its own in the timeline.
    expect(history.timeline.some((t) => t.type === "FactCorrected")).toBe(false);
  });

  it("given an auditor, when they read the person, then they see the history by pseudonym, without personal data or note text", async () => {
    const { w, personId } = await twoCases();
    const history = await must(w.insieme.readPersonHistory(personId, auditor));
    expect(history.view).toBe("pseudonymous");
    const text = JSON.stringify(history);
    for (const secret of ["Rossi", "Maria", "maria@example.org", codiceFiscale(1), "prefers mornings"])
      expect(text).not.toContain(secret);
    expect("personal" in history).toBe(false);
    expect("notes" in history).toBe(false);
    expect(history.cases[1]?.noteCount).toBe(1);
    // The same view from the store alone (the journal holder's read).
    expect(await must(readPseudonymousPersonHistory(w.store, personId))).toEqual(history);
  });

  it("given a company, when it asks for a person, then it gets the answer of an unknown person", async () => {
    const { w, personId } = await twoCases();
    const asCompany = await w.insieme.readPersonHistory(personId, companyUser("outside-1"));
    const unknown = await w.insieme.readPersonHistory("nobody", operator);
    expect(ruleOf(asCompany)).toBe("person-not-found");
    expect(ruleOf(unknown)).toBe("person-not-found");
    const message = (r: E.Either<InsiemeError, unknown>) => (E.isLeft(r) ? r.left.message : "");
    expect(message(await w.insieme.readPersonHistory("nobody", companyUser("outside-1")))).toBe(
      message(unknown),
    );
    expect(ruleOf(await w.insieme.findPerson(codiceFiscale(1), companyUser("outside-1")))).toBe(
      "role-not-allowed",
    );
    expect(ruleOf(await w.insieme.findPerson(codiceFiscale(1), auditor))).toBe("role-not-allowed");
  });

  it("given an erased person, when staff read the person, then the facts are all there and the personal data reads as erased", async () => {
    const { w, personId } = await twoCases();
    const before = await must(w.insieme.readPersonHistory(personId, operator));
    await w.insieme.erasePerson(personId);
    const after = await must(w.insieme.readPersonHistory(personId, operator));
    if (after.view !== "person") throw new Error("expected the staff view");
    expect(after.personal).toEqual({ erased: true });
    expect(after.notes).toEqual([{ candidateId: "c2", noteId: "n1", text: { erased: true } }]);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.cases).toEqual(before.cases);
  });

  it("given a codice fiscale, when it is looked up, then the person id is returned and the code nowhere; an invalid code or an unknown person is refused", async () => {
    const { w, personId } = await twoCases();
    // Spaces and lower case are the same code, as when applying.
    const spaced = codiceFiscale(1)
      .toLowerCase()
      .replace(/(.{4})/g, "$1 ");
    expect(await must(w.insieme.findPerson(spaced, referent))).toEqual({ personId });
    const invalid = await w.insieme.findPerson("RSSMRA85T10A562X", operator);
    expect(ruleOf(invalid)).toBe("InvalidCommand");
    expect(JSON.stringify(invalid)).not.toContain("RSSMRA85T10A562X");
    expect(ruleOf(await w.insieme.findPerson(42, operator))).toBe("InvalidCommand");
    expect(ruleOf(await w.insieme.findPerson(codiceFiscale(2), operator))).toBe("person-not-found");
  });

  it("given a person's first application, then their index entry is written once, and a second application does not write it again", async () => {
    const { w, personId } = await twoCases();
    const entries = [];
    for await (const e of w.store.readStream(`personid-${personId}`)) entries.push(e.type);
    expect(entries).toEqual(["PersonIdentified"]);
  });
});

/** Random histories of one person: several applications, each closed (or withdrawn) before the next. */
describe("the person's history, over random histories", () => {
  const step = fc.constantFrom("close", "withdraw", "not_in_target", "hire_close", "reopen_close");
  it("lists exactly the person's cases in order and every event of each case once, in timeline order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), fc.boolean(), async (steps, other) => {
        const w = makeWorld();
        const ids: string[] = [];
        for (const [i, s] of steps.entries()) {
          const year = 2018 + i;
          const id = `c${i}`;
          ids.push(id);
          const day = (md: string) => `${year}-${md}`;
          if (other)
            await must(w.insieme.execute({ ...application(`x${i}`, 100 + i), occurredAt: at(day("02-01")) }));
          if (s === "withdraw") {
            await must(w.insieme.execute({ ...application(id, 1), occurredAt: at(day("03-01")) }));
            await must(
              w.insieme.execute(
                cmd("RecordWithdrawal", { candidateId: id, reason: "found_work" }, at(day("03-02"))),
              ),
            );
            continue;
          }
          if (s === "not_in_target") {
            await must(w.insieme.execute({ ...application(id, 1), occurredAt: at(day("03-01")) }));
            await must(
              w.insieme.execute(
                cmd(
                  "ScreenCandidate",
                  { candidateId: id, inOtherActiveMeasure: true, scores: IN_TARGET_SCORES },
                  at(day("03-02")),
                ),
              ),
            );
            continue;
          }
          await activeCase(w, id, 1, [day("03-01"), day("03-02"), day("03-03")]);
          if (s === "hire_close") await hire(w, id, day("04-01"));
          await close(w, id, day("05-01"));
          if (s === "reopen_close") {
            await must(
              w.insieme.execute(cmd("ReopenCase", { candidateId: id, reason: "new_need" }, at(day("05-10")))),
            );
            await close(w, id, day("06-01"));
          }
        }
        const { personId } = await must(w.insieme.findPerson(codiceFiscale(1), operator));
        const history: PersonHistory = await must(w.insieme.readPersonHistory(personId, auditor));
        expect(history.cases.map((c) => c.candidateId)).toEqual(ids);
        // Every event of each case exactly once.
        const expected: string[] = [];
        for (const id of ids)
          for await (const e of w.store.readStream(`candidate-${id}`)) expected.push(e.eventId);
        const listed = history.timeline.map((t) => t.eventId);
        expect([...listed].sort()).toEqual([...expected].sort());
        expect(new Set(listed).size).toBe(listed.length);
        // In timeline order.
        const times = history.timeline.map((t) => t.occurredAt);
        expect(times).toEqual([...times].sort());
        // The other person's cases are never listed.
        expect(history.timeline.every((t) => ids.includes(t.candidateId))).toBe(true);
        // A hiring after an earlier one of the same person is a repeat.
        const orders = history.cases.flatMap((c) => c.hirings.map((h) => h.placementOrder));
        expect(orders).toEqual(orders.map((_, i) => (i === 0 ? "first_time" : "repeat")));
      }),
      { numRuns: 15 },
    );
  });
});
