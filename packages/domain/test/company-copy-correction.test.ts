import type { InsiemeError } from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  application,
  CV,
  cmd,
  IN_TARGET_SCORES,
  joinBoard,
  makeWorld,
  referent,
  SKILLS,
  type World,
} from "./support/fixtures.js";

const must = async <A>(p: Promise<E.Either<InsiemeError, A>>): Promise<A> => {
  const r = await p;
  if (E.isLeft(r)) throw new Error(`expected success: ${JSON.stringify(r.left)}`);
  return r.right;
};

const eventsOf = async (w: World, stream: string) => {
  const out = [];
  for await (const e of w.store.readStream(stream)) out.push(e);
  return out;
};

/** Candidate `candidateId` hired by `companyId` as `fixed_term`. */
const hired = async (w: World, candidateId: string, n: number, companyId: string) => {
  await must(w.insieme.execute(application(candidateId, n)));
  await must(
    w.insieme.execute(
      cmd("ScreenCandidate", { candidateId, inOtherActiveMeasure: false, scores: IN_TARGET_SCORES }),
    ),
  );
  await must(
    w.insieme.execute(
      cmd("RecordFirstInterview", {
        candidateId,
        outcome: "immediately_placeable",
        transversalSkills: SKILLS,
        cv: CV,
      }),
    ),
  );
  await must(
    w.insieme.execute(
      cmd("ProposePlacement", {
        candidateId,
        proposalId: `p-${candidateId}`,
        companyId,
        opportunityId: null,
      }),
    ),
  );
  await must(
    w.insieme.execute(
      cmd(
        "RecordHiring",
        {
          candidateId,
          companyId,
          proposalId: `p-${candidateId}`,
          internshipId: null,
          contractType: "fixed_term",
        },
        "2018-04-01T09:00:00Z",
      ),
    ),
  );
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
