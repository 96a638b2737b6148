import { describe, expect, it } from "vitest";
import { makeActive, proposeAndHire } from "./support/candidate-path.js";
import { cmd, joinBoard, makeWorld, referent, type World } from "./support/fixtures.js";
import { must } from "./support/outcomes.js";

const eventsOf = async (w: World, stream: string) => {
  const out = [];
  for await (const e of w.store.readStream(stream)) out.push(e);
  return out;
};

/** Candidate `candidateId` hired by `companyId` as `fixed_term`. */
const hired = async (w: World, candidateId: string, n: number, companyId: string) => {
  await makeActive(w, candidateId, n);
  await proposeAndHire(w, candidateId, companyId, {
    proposalId: `p-${candidateId}`,
    occurredAt: "2018-04-01T09:00:00Z",
  });
};

const amendContract = async (w: World, candidateId: string, contractType: string) => {
  const hiring = (await eventsOf(w, `candidate-${candidateId}`)).find((e) => e.type === "CandidateHired");
  if (hiring === undefined) throw new Error("no hiring");
  return cmd(
    "CorrectFact",
    {
      stream: `candidate-${candidateId}`,
      eventId: hiring.eventId,
      action: "amend",
      fields: { contractType },
      reason: "typing_error",
    },
    "2018-04-10T09:00:00Z",
    referent,
  );
};

describe("a corrected hiring keeps the company's copy right", () => {
  it("given a Board member's hiring, when its contract type is amended, then the company's copy is amended by the same command; the same command again is a duplicate", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(joinBoard("acme")));
    await hired(w, "c1", 1, "acme");
    await hired(w, "c2", 2, "acme");
    const correction = await amendContract(w, "c1", "permanent");
    const outcome = await must(w.insieme.execute(correction));
    expect(outcome.written.map((x) => [x.streamId, x.events.map((e) => e.type)])).toEqual([
      ["candidate-c1", ["FactCorrected"]],
      ["company-acme", ["FactCorrected"]],
    ]);
    const company = await eventsOf(w, "company-acme");
    const copy = company.find(
      (e) => e.type === "CompanyHiredCandidate" && (e.data as { candidateId: string }).candidateId === "c1",
    );
    const fix = company.at(-1);
    expect(fix?.type).toBe("FactCorrected");
    expect(fix?.causationId).toBe(correction.commandId);
    expect(fix?.data).toMatchObject({
      correctedEventId: copy?.eventId,
      correctedRevision: copy?.revision,
      correctedType: "CompanyHiredCandidate",
      action: "amend",
      data: { companyId: "acme", candidateId: "c1", contractType: "permanent", placementOrder: "first_time" },
      previousData: { contractType: "fixed_term" },
      correctedOccurredAt: copy?.occurredAt,
      fields: ["contractType"],
      reason: "typing_error",
      correctedBy: { id: referent.id, role: "technical_referent" },
    });
    // The company's state counts the hiring as corrected; c2's hiring is untouched.
    const state = await must(w.insieme.readCompany("acme", referent));
    expect(state.hires).toBe(2);
    expect(state.hiresByContractType).toEqual({ permanent: 1, fixed_term: 1 });
    // The same command again: a duplicate, nothing written.
    const head = await w.store.headPosition();
    const again = await must(w.insieme.execute(correction));
    expect(again.duplicate).toBe(true);
    expect(await w.store.headPosition()).toBe(head);
    // A second amendment moves it again, from the type as it stands.
    await must(w.insieme.execute(await amendContract(w, "c1", "apprenticeship")));
    expect((await must(w.insieme.readCompany("acme", referent))).hiresByContractType).toEqual({
      apprenticeship: 1,
      fixed_term: 1,
    });
    const last = (await eventsOf(w, "company-acme")).at(-1);
    expect(last?.data).toMatchObject({
      previousData: { contractType: "permanent" },
      data: { contractType: "apprenticeship" },
    });
  });

  it("given an employer outside the Board, when the hiring is amended, then only the candidate's stream is written", async () => {
    const w = makeWorld();
    await hired(w, "c1", 1, "outside-1");
    const outcome = await must(w.insieme.execute(await amendContract(w, "c1", "permanent")));
    expect(outcome.written.map((x) => x.streamId)).toEqual(["candidate-c1"]);
    expect(await eventsOf(w, "company-outside-1")).toEqual([]);
  });
});
