import { describe, expect, it } from "vitest";
import { personalDataInIds, RetentionPolicy, RetentionScan } from "../src/index.js";

const opened = (personId: string, candidateId: string, occurredAt: string) => ({
  type: "PersonCaseOpened",
  data: { personId, candidateId },
  occurredAt,
});
const closed = (personId: string, candidateId: string, occurredAt: string) => ({
  type: "PersonCaseClosed",
  data: { personId, candidateId },
  occurredAt,
});

describe("RetentionScan", () => {
  it("makes a person due the policy's years after their last case closed, never while a case is open", () => {
    const scan = new RetentionScan();
    for (const e of [
      opened("p1", "c1", "2010-01-01T00:00:00Z"),
      closed("p1", "c1", "2012-05-01T00:00:00Z"),
      opened("p2", "c2", "2010-01-01T00:00:00Z"),
      closed("p2", "c2", "2011-01-01T00:00:00Z"),
      // p2 applies again: nothing is due while the new case is open.
      opened("p2", "c3", "2015-01-01T00:00:00Z"),
      opened("p3", "c4", "2010-01-01T00:00:00Z"),
      { type: "CandidateApplied", data: {}, occurredAt: "2010-01-01T00:00:00Z" },
    ])
      scan.apply(e);
    const policy = RetentionPolicy.parse({ erasePersonalDataYearsAfterClose: 5 });
    expect(scan.due(policy, "2017-04-30T23:59:59Z")).toEqual([]);
    expect(scan.due(policy, "2017-05-01T00:00:00Z")).toEqual([
      {
        personId: "p1",
        candidateId: "c1",
        closedAt: "2012-05-01T00:00:00Z",
        dueAt: "2017-05-01T00:00:00.000Z",
      },
    ]);
    expect(scan.knows("p3")).toBe(true);
    expect(scan.knows("p9")).toBe(false);
    expect(RetentionPolicy.safeParse({ erasePersonalDataYearsAfterClose: 1.5 }).success).toBe(false);
    expect(RetentionPolicy.safeParse({ erasePersonalDataYearsAfterClose: 5, extra: 1 }).success).toBe(false);
  });
});

describe("personalDataInIds", () => {
  it("names every id field that carries a codice fiscale or an e-mail address, and leaves sealed data alone", () => {
    expect(
      personalDataInIds({
        commandId: "ok-1",
        actor: { id: "anna@example.org", role: "operator" },
        data: {
          candidateId: "RSSGNN80A01A944X-giovanna",
          memberIds: ["fine", "x-rssgnn80a01a944x"],
          personal: { codiceFiscale: "RSSGNN80A01A944X", email: "anna@example.org" },
          name: "RSSGNN80A01A944X",
        },
      }).map((i) => i.path),
    ).toEqual(["actor.id", "data.candidateId", "data.memberIds.1"]);
    expect(personalDataInIds({ commandId: "apply-1", data: { candidateId: "cand-1" } })).toEqual([]);
  });
});
