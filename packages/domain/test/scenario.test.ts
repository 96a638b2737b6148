import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  application,
  auditor,
  CV,
  cmd,
  companyUser,
  IN_TARGET_SCORES,
  joinBoard,
  makeWorld,
  operator,
  SKILLS,
} from "./support/fixtures.js";

const ok = async <A>(p: Promise<E.Either<unknown, A>>): Promise<A> => {
  const r = await p;
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

describe("a candidate's whole path through the application service", () => {
  it("goes from application to autonomy, with the fund, the company and the views", async () => {
    const { insieme, store } = makeWorld();
    await ok(
      insieme.execute(
        cmd("AllocateBudget", { year: 2018, source: "comune_bologna", amountCents: 250_000_000 }),
      ),
    );
    await ok(insieme.execute(joinBoard("acme")));
    await ok(
      insieme.execute(
        cmd(
          "OfferOpportunity",
          {
            companyId: "acme",
            opportunityId: "op1",
            kind: "internship",
            occupationGroup: 5,
            positions: 2,
            contractType: null,
          },
          undefined,
          companyUser("acme"),
        ),
      ),
    );
    await ok(insieme.execute(application("c1", 1)));
    await ok(
      insieme.execute(
        cmd(
          "ScreenCandidate",
          { candidateId: "c1", inOtherActiveMeasure: false, scores: IN_TARGET_SCORES },
          "2018-03-05T09:00:00Z",
        ),
      ),
    );
    await ok(insieme.execute(cmd("RecordSocialServicesCheck", { candidateId: "c1", result: "unknown" })));
    await ok(
      insieme.execute(
        cmd(
          "RecordFirstInterview",
          { candidateId: "c1", outcome: "immediately_placeable", transversalSkills: SKILLS, cv: CV },
          "2018-03-11T09:00:00Z",
        ),
      ),
    );
    await ok(
      insieme.execute(
        cmd("ProposePlacement", {
          candidateId: "c1",
          proposalId: "p1",
          companyId: "acme",
          opportunityId: "op1",
        }),
      ),
    );
    await ok(
      insieme.execute(
        cmd("StartInternship", {
          candidateId: "c1",
          internshipId: "t1",
          proposalId: "p1",
          startDate: "2018-04-01",
          plannedEndDate: "2018-09-30",
          allowanceCents: 270_000,
          source: "comune_bologna",
        }),
      ),
    );
    await ok(
      insieme.execute(
        cmd("EndInternship", { candidateId: "c1", internshipId: "t1", reason: "hired", unusedCents: 45_000 }),
      ),
    );
    const hired = await ok(
      insieme.execute(
        cmd(
          "RecordHiring",
          {
            candidateId: "c1",
            companyId: "acme",
            proposalId: "p1",
            internshipId: "t1",
            contractType: "fixed_term",
          },
          "2018-09-01T09:00:00Z",
        ),
      ),
    );
    await ok(
      insieme.execute(
        cmd("RecordCaseNote", { candidateId: "c1", noteId: "n1", text: "Prefers morning shifts" }),
      ),
    );
    await ok(insieme.execute(cmd("CloseCase", { candidateId: "c1", reason: "autonomy" })));

    expect(hired.written.map((w) => w.events.map((e) => e.type))).toEqual([
      ["CandidateHired"],
      ["CompanyHiredCandidate"],
    ]);

    const fund = await ok(insieme.readFund(2018, auditor));
    expect(fund.availableCents.comune_bologna).toBe(250_000_000 - 270_000 + 45_000);

    const view = await ok(insieme.readCandidate("c1", operator));
    expect(view.view).toBe("case");
    if (view.view === "case") {
      expect(view.status).toBe("closed");
      expect(view.personal).toMatchObject({ erased: false, value: { familyName: "Rossi" } });
      expect(view.notes[0]?.text).toEqual({ erased: false, value: "Prefers morning shifts" });
    }
    const cvView = await ok(insieme.readCandidate("c1", companyUser("acme")));
    expect(cvView).toMatchObject({ view: "cv", cv: { educationLevel: "upper_secondary", ageBand: "35_49" } });
    const other = await insieme.readCandidate("c1", companyUser("other"));
    expect(E.isLeft(other) && other.left._tag === "DomainError" && other.left.rule).toBe(
      "candidate-not-proposed-to-company",
    );

    const all = [...store.events()];
    expect(all.map((e) => e.type)).toContain("PersonCaseClosed");
    const text = JSON.stringify(all.map((e) => e.data));
    expect(text).not.toContain("Rossi");
    expect(text).not.toContain("morning");
  });
});
