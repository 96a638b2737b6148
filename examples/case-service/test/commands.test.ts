import { InMemoryEventStore, wrongExpectedRevision } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { joinBoard, operator, referent, submitApplication } from "./support/commands.js";
import { type Running, startService } from "./support/http.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("POST /commands", () => {
  it("accepts a command with 201, and the same command id again with 200 and nothing written", async () => {
    running = await startService();
    const command = submitApplication(1, "2018-02-01T09:00:00Z");
    const first = await running.send(command);
    expect(first.status).toBe(201);
    const body = (await first.json()) as {
      duplicate: boolean;
      written: { streamId: string; events: string[] }[];
    };
    expect(body.duplicate).toBe(false);
    expect(body.written.map((w) => w.streamId)).toContain("candidate-cand-1");
    expect(body.written.flatMap((w) => w.events)).toContain("CandidateApplied");

    const again = await running.send(command);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
  });

  it("answers 400 naming the field of an invalid command, and writes nothing", async () => {
    running = await startService();
    const command = submitApplication(2, "2018-02-01T09:00:00Z");
    const bad = { ...command, data: { ...command.data, gender: "unknown-gender" } };
    const response = await running.send(bad);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe("invalid-command");
    expect(body.issues.map((i) => i.path)).toEqual(["data.gender"]);
    expect(
      await running.service.app
        .inject({ method: "GET", url: "/report" })
        .then((r) => r.json().provenance.eventsReplayed),
    ).toBe(0);
  });

  it("answers 400 for a body that is not JSON", async () => {
    running = await startService();
    const response = await fetch(`${running.url}/commands`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await running.as(operator)) },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/JSON/i);
  });

  it("answers 422 naming the rule of a refusal", async () => {
    running = await startService();
    expect((await running.send(joinBoard(1, "direct", "2018-01-10T09:00:00Z"))).status).toBe(201);
    const twice = { ...joinBoard(1, "direct", "2018-01-11T09:00:00Z"), commandId: "join-1-again" };
    const response = await running.send(twice);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "rule-refused", rule: "company-already-in-board" });
  });

  it("answers 403 when the caller's role may not send the command", async () => {
    running = await startService();
    const company = { id: "user-co-1", role: "company", companyId: "co-1" } as const;
    const asCompany = { ...submitApplication(3, "2018-02-01T09:00:00Z"), actor: company };
    const refused = await running.send(asCompany, company);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ rule: "role-not-allowed" });
  });

  it("corrections in the caller's name: an operator amends a birth year; a company, an auditor, or an operator correcting a budget are refused 403, nothing written", async () => {
    running = await startService();
    expect((await running.send(submitApplication(4, "2018-02-01T09:00:00Z"))).status).toBe(201);
    const budget = {
      commandId: "budget-2018",
      type: "AllocateBudget",
      occurredAt: "2018-01-01T09:00:00Z",
      data: { year: 2018, source: "comune_bologna", amountCents: 100_000_000 },
    };
    expect((await running.send(budget, referent)).status).toBe(201);
    const correction = (commandId: string, stream: string, fields: Record<string, unknown>) => ({
      commandId,
      type: "CorrectFact",
      data: { stream, revision: 0, action: "amend", fields, reason: "typing_error" },
    });
    const company = { id: "user-co-1", role: "company", companyId: "co-1" } as const;
    const auditor = { id: "aud-1", role: "auditor" } as const;
    const asCompany = await running.send(
      correction("fix-co", "candidate-cand-4", { birthYear: 1999 }),
      company,
    );
    const asAuditor = await running.send(
      correction("fix-aud", "candidate-cand-4", { birthYear: 1999 }),
      auditor,
    );
    const budgetByOperator = await running.send(correction("fix-budget", "fund-2018", { amountCents: 1 }));
    expect([asCompany.status, asAuditor.status, budgetByOperator.status]).toEqual([403, 403, 403]);
    expect(await budgetByOperator.json()).toMatchObject({
      error: "forbidden",
      rule: "correction-role-not-allowed",
    });
    const amended = await running.send(correction("fix-op", "candidate-cand-4", { birthYear: 1999 }));
    expect(amended.status).toBe(201);
    // Written at revision 1 on both streams: the refusals wrote nothing before them.
    const writtenBy = async (response: Response) =>
      ((await response.json()) as { written: { streamId: string; revision: number; events: string[] }[] })
        .written;
    expect(await writtenBy(amended)).toEqual([
      { streamId: "candidate-cand-4", revision: 1, events: ["FactCorrected"] },
    ]);
    const byReferent = await running.send(
      correction("fix-budget-ref", "fund-2018", { amountCents: 90_000_000 }),
      referent,
    );
    expect(byReferent.status).toBe(201);
    expect(await writtenBy(byReferent)).toEqual([
      { streamId: "fund-2018", revision: 1, events: ["FactCorrected"] },
    ]);
  });

  it("answers 409 when the store keeps reporting a concurrent write", async () => {
    const memory = new InMemoryEventStore();
    // A store on which another writer always gets there first.
    const contended = new Proxy(memory, {
      get(target, property, receiver) {
        if (property === "append") {
          return async (streamId: string) => E.left(wrongExpectedRevision(streamId, "no_stream", 0));
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    running = await startService({ store: contended });
    const response = await running.send(joinBoard(7, "direct", "2018-01-10T09:00:00Z"));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "concurrency-conflict", streamId: "company-co-7" });
  });
});
