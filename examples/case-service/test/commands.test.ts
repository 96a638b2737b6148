import { InMemoryEventStore, wrongExpectedRevision } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { joinBoard, operator, submitApplication } from "./support/commands.js";
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
