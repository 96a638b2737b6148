import { afterEach, describe, expect, it } from "vitest";
import { operator, referent, submitApplication } from "./support/commands.js";
import { post, type Running, startService } from "./support/http.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("POST /persons/:personId/erasure", () => {
  it("lets an operator only erase a person: personal data reads as erased, reports are unchanged", async () => {
    running = await startService();
    expect((await running.send(submitApplication(1, "2018-02-01T09:00:00Z"))).status).toBe(201);
    const opHeaders = await running.as(operator);
    const view = (await (await fetch(`${running.url}/candidates/cand-1`, { headers: opHeaders })).json()) as {
      personId: string;
    };
    const url = `${running.url}/persons/${view.personId}/erasure`;
    const before = [
      await (await fetch(`${running.url}/report`)).text(),
      await (await fetch(`${running.url}/report?raw=true`, { headers: await running.as(referent) })).text(),
    ];

    expect((await post(url, {})).status).toBe(401);
    for (const actor of [
      referent,
      { id: "aud-1", role: "auditor" },
      { id: "u", role: "company", companyId: "co-1" },
    ]) {
      const refused = await post(url, {}, await running.as(actor));
      expect(refused.status, actor.role).toBe(403);
      expect(await refused.json()).toMatchObject({ rule: "erasure-restricted" });
    }
    const erased = await post(url, {}, opHeaders);
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ personId: view.personId, erased: true });
    expect(await (await post(url, {}, opHeaders)).json()).toEqual({ personId: view.personId, erased: false });

    const after = await (await fetch(`${running.url}/candidates/cand-1`, { headers: opHeaders })).text();
    expect(JSON.parse(after)).toMatchObject({ personal: { erased: true } });
    expect(after).not.toContain("Rossi");
    expect([
      await (await fetch(`${running.url}/report`)).text(),
      await (await fetch(`${running.url}/report?raw=true`, { headers: await running.as(referent) })).text(),
    ]).toEqual(before);
  });

  it("refuses a command whose ids carry personal data, naming the field (400)", async () => {
    running = await startService();
    const command = submitApplication(2, "2018-02-01T09:00:00Z");
    const response = await running.send({
      ...command,
      data: { ...command.data, candidateId: "RSSMRA85T10A562S" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { path: string; code?: string }[] };
    expect(body.issues).toEqual([
      expect.objectContaining({ path: "data.candidateId", code: "personal-data-in-id" }),
    ]);
  });
});
