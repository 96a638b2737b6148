import { type CandidateCommand, type CandidateEvent, candidateDecider } from "@insieme/domain";
import { deciderSpec } from "@insieme/testing";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { makeActive } from "./support/candidate-path.js";
import { activeCandidate, applied } from "./support/events.js";
import { application, cmd, makeWorld } from "./support/fixtures.js";
import { must, ruleOf } from "./support/outcomes.js";

const candidate = deciderSpec(candidateDecider);

const closed = (reason: "autonomy" | "dropped_out" = "dropped_out"): CandidateEvent => ({
  type: "CaseClosed",
  data: { candidateId: "c1", reason },
});
const reopen = (reopenedOn: string, closedOn: string | null = "2018-06-01"): CandidateCommand => ({
  kind: "Reopen",
  reason: "returned",
  closedOn,
  reopenedOn,
  withinDays: 90,
});
const reopened = (
  reopenedOn: string,
  resumedStatus: "applied" | "active",
  closedReason: "autonomy" | "dropped_out" = "dropped_out",
): CandidateEvent => ({
  type: "CaseReopened",
  data: {
    candidateId: "c1",
    reason: "returned",
    closedOn: "2018-06-01",
    closedReason,
    reopenedOn,
    resumedStatus,
  },
});

describe("candidate: re-opening a closed case", () => {
  it("given a case closed from the path, when it is re-opened within the period, then it resumes on the path", () =>
    candidate
      .given([...activeCandidate, closed("autonomy")])
      .when(reopen("2018-08-30"))
      .thenEmits([reopened("2018-08-30", "active", "autonomy")]));
  it("given a case closed before screening, it resumes as applied (the last day of the period included)", () =>
    candidate
      .given([applied(), closed()])
      .when(reopen("2018-08-30"))
      .thenEmits([reopened("2018-08-30", "applied")]));
  it("given a re-opened case, it takes commands again (a note, a closing)", () =>
    candidate
      .given([applied(), closed(), reopened("2018-07-01", "applied")])
      .when({ kind: "CloseCase", reason: "moved" })
      .thenEmits([{ type: "CaseClosed", data: { candidateId: "c1", reason: "moved" } }]));
  it("reopen-period-expired: one day after the configured period", () =>
    candidate
      .given([...activeCandidate, closed()])
      .when(reopen("2018-08-31"))
      .thenRejects("reopen-period-expired"));
  it("reopen-before-closing", () =>
    candidate.given([applied(), closed()]).when(reopen("2018-05-31")).thenRejects("reopen-before-closing"));
  it("reopen-case-not-closed: an open case", () =>
    candidate.given(activeCandidate).when(reopen("2018-06-02")).thenRejects("reopen-case-not-closed"));
  it("reopen-case-not-closed: a case already re-opened", () =>
    candidate
      .given([applied(), closed(), reopened("2018-07-01", "applied")])
      .when(reopen("2018-07-02"))
      .thenRejects("reopen-case-not-closed"));
  it("reopen-case-not-closed: a case ended by a withdrawal is not re-opened (a new application is)", () =>
    candidate
      .given([
        applied(),
        {
          type: "CandidateWithdrew",
          data: { candidateId: "c1", withdrawnOn: "2018-03-05", reason: "found_work" },
        },
      ])
      .when(reopen("2018-03-06", null))
      .thenRejects("reopen-case-not-closed"));
  it("candidate-not-found", () =>
    candidate.given([]).when(reopen("2018-06-02")).thenRejects("candidate-not-found"));
});

const closedCase = async (w: ReturnType<typeof makeWorld>, candidateId: string) => {
  await makeActive(w, candidateId, 1);
  await must(
    w.insieme.execute(cmd("CloseCase", { candidateId, reason: "dropped_out" }, "2018-04-01T09:00:00Z")),
  );
};

describe("re-opening through the service", () => {
  it("given a closed case, when it is re-opened within the configured days, then the person's open case is taken again", async () => {
    const w = makeWorld();
    await closedCase(w, "c1");
    const done = await must(
      w.insieme.execute(cmd("ReopenCase", { candidateId: "c1", reason: "returned" }, "2018-05-15T09:00:00Z")),
    );
    expect(done.written.map((x) => x.events.map((e) => e.type))).toEqual([
      ["CaseReopened"],
      ["PersonCaseOpened"],
    ]);
    // The same person cannot open a second case while the re-opened one is open.
    expect(ruleOf(await w.insieme.execute(application("c2", 1, {})))).toBe("person-has-open-case");
    // The re-opened case goes on: it is closed again.
    await must(
      w.insieme.execute(cmd("CloseCase", { candidateId: "c1", reason: "moved" }, "2018-05-20T09:00:00Z")),
    );
  });

  it("given a closed case, when the configured period has passed, then the re-opening is refused naming the rule and nothing is written", async () => {
    const w = makeWorld();
    await closedCase(w, "c1");
    let before = 0;
    for await (const _ of w.store.readAll()) before++;
    const refused = await w.insieme.execute(
      cmd("ReopenCase", { candidateId: "c1", reason: "returned" }, "2018-07-01T09:00:00Z"),
    );
    expect(ruleOf(refused)).toBe("reopen-period-expired");
    expect(E.isLeft(refused) && refused.left._tag === "DomainError" ? refused.left.message : "").toContain(
      "reopening.reopenWithinDays",
    );
    let after = 0;
    for await (const _ of w.store.readAll()) after++;
    expect(after).toBe(before);
  });

  it("given a person who applied again after closing, when the old case is re-opened, then it is refused: one open case per person", async () => {
    const w = makeWorld();
    await closedCase(w, "c1");
    await must(w.insieme.execute(application("c2", 1)));
    const refused = await w.insieme.execute(
      cmd("ReopenCase", { candidateId: "c1", reason: "returned" }, "2018-05-15T09:00:00Z"),
    );
    expect(ruleOf(refused)).toBe("person-has-open-case");
  });

  it("given a closed case, when an auditor tries to re-open it, then the role is refused", async () => {
    const w = makeWorld();
    await closedCase(w, "c1");
    const refused = await w.insieme.execute(
      cmd("ReopenCase", { candidateId: "c1", reason: "returned" }, "2018-05-15T09:00:00Z", {
        id: "aud-1",
        role: "auditor",
      }),
    );
    expect(ruleOf(refused)).toBe("role-not-allowed");
  });
});
