import { describe, expect, it } from "vitest";
import { makeActive, proposeAndHire } from "./support/candidate-path.js";
import { application, cmd, joinBoard, makeWorld, referent } from "./support/fixtures.js";
import { must, ruleOf } from "./support/outcomes.js";
import { approvedProject, projectSubmission } from "./support/projects.js";

const streamsOf = async (w: ReturnType<typeof makeWorld>): Promise<string[]> => {
  const ids = new Set<string>();
  for await (const e of w.store.readAll()) ids.add(e.streamId);
  return [...ids];
};

describe("after placement, through the service", () => {
  it("given an employer outside the Board, when it hires, then the hiring is recorded and the employer is not enrolled", async () => {
    const w = makeWorld();
    await makeActive(w, "c1", 1);
    const hired = await proposeAndHire(w, "c1", "outside-1", { occurredAt: "2018-04-01T09:00:00Z" });
    expect(hired.written.map((x) => x.streamId)).toEqual(["candidate-c1"]);
    expect((await streamsOf(w)).some((s) => s.startsWith("company-"))).toBe(false);
    const ended = await must(
      w.insieme.execute(
        cmd(
          "RecordContractEnd",
          { candidateId: "c1", companyId: "outside-1", reason: "term_expired" },
          "2018-07-01T09:00:00Z",
        ),
      ),
    );
    expect(ended.written[0]?.events.map((e) => e.type)).toEqual(["ContractEnded"]);
    const follow = await must(
      w.insieme.execute(
        cmd(
          "RecordFollowUp",
          {
            candidateId: "c1",
            companyId: "outside-1",
            milestone: "month_6",
            employmentStatus: "employed_other_employer",
          },
          "2018-10-01T09:00:00Z",
        ),
      ),
    );
    expect(follow.written[0]?.events[0]?.data).toMatchObject({
      hiredOn: "2018-04-01",
      contactedOn: "2018-10-01",
    });
  });

  it("given a Board member, when it hires, then the Board's own record counts it too", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(joinBoard("acme")));
    await makeActive(w, "c1", 1);
    const hired = await proposeAndHire(w, "c1", "acme", { contractType: "permanent" });
    expect(hired.written.map((x) => x.streamId)).toEqual(["candidate-c1", "company-acme"]);
  });

  it("given an application, when the person withdraws before the interview, then the case ends and the person may apply again", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 1)));
    const withdrawn = await must(
      w.insieme.execute(cmd("RecordWithdrawal", { candidateId: "c1", reason: "found_work" })),
    );
    expect(withdrawn.written.flatMap((x) => x.events.map((e) => e.type))).toEqual([
      "CandidateWithdrew",
      "PersonCaseClosed",
    ]);
    await must(w.insieme.execute(application("c2", 1)));
  });

  it("given an approved project, when its approval is revoked, then the grant goes back to the fund", async () => {
    const w = makeWorld();
    const year = "2018-03-01T09:00:00Z";
    await approvedProject(w, 1_000_000);
    const byOperator = await w.insieme.execute(
      cmd("RevokeProjectApproval", { projectId: "pr1", reason: "project_not_started" }),
    );
    expect(ruleOf(byOperator)).toBe("role-not-allowed");
    const revoked = await must(
      w.insieme.execute(
        cmd("RevokeProjectApproval", { projectId: "pr1", reason: "project_not_started" }, year, referent),
      ),
    );
    expect(revoked.written.map((x) => x.streamId)).toEqual(["project-pr1", "fund-2018"]);
    const fund = await must(w.insieme.readFund(2018, referent));
    expect(fund.availableCents.comune_bologna).toBe(1_000_000);
    const project = await must(w.insieme.readProject("pr1", referent));
    expect(project.status).toBe("revoked");
    expect(
      ruleOf(await w.insieme.execute(cmd("WithdrawProject", { projectId: "pr1", reason: "other" }))),
    ).toBe("withdrawal-requires-open-project");
  });

  it("given a waiting project, when its promoter withdraws it, then it is withdrawn with nothing to release", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(projectSubmission("pr1", "autoimpiego")));
    const withdrawn = await must(
      w.insieme.execute(cmd("WithdrawProject", { projectId: "pr1", reason: "promoter_gave_up" })),
    );
    expect(withdrawn.written.map((x) => x.streamId)).toEqual(["project-pr1"]);
  });

  it("given a person hired in an earlier case, when they apply again and are hired, then the placement is a repeat for the person", async () => {
    const w = makeWorld();
    const hire = async (candidateId: string, at: string) => {
      await makeActive(w, candidateId, 1);
      const hired = await proposeAndHire(w, candidateId, "outside-1", { occurredAt: at });
      return (hired.written[0]?.events[0]?.data as { placementOrder: string } | undefined)?.placementOrder;
    };
    expect(await hire("c1", "2018-04-01T09:00:00Z")).toBe("first_time");
    await must(
      w.insieme.execute(cmd("CloseCase", { candidateId: "c1", reason: "autonomy" }, "2018-05-01T09:00:00Z")),
    );
    // The same codice fiscale applies again next year: a new case of the same person.
    expect(await hire("c2", "2019-04-01T09:00:00Z")).toBe("repeat");
    const c1 = await must(w.insieme.readCandidate("c1", { id: "aud-1", role: "auditor" }));
    const c2 = await must(w.insieme.readCandidate("c2", { id: "aud-1", role: "auditor" }));
    const personOf = (v: object) => ("personId" in v ? v.personId : undefined);
    expect(personOf(c2)).toBeDefined();
    expect(personOf(c2)).toBe(personOf(c1));
  });
});
