import { afterEach, describe, expect, it } from "vitest";
import { codiceFiscale, operator, referent, submitApplication } from "./support/commands.js";
import { post, type Running, startService } from "./support/http.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const auditor = { id: "aud-1", role: "auditor" } as const;
const company = { id: "u-1", role: "company", companyId: "co-1" } as const;

/** One person: an application closed, then a second application of the same codice fiscale. */
const twoCases = async (r: Running): Promise<string> => {
  expect((await r.send(submitApplication(1, "2018-02-01T09:00:00Z"))).status).toBe(201);
  const closed = await r.send({
    commandId: "close-1",
    type: "CloseCase",
    occurredAt: "2018-03-01T09:00:00Z",
    actor: operator,
    data: { candidateId: "cand-1", reason: "moved" },
  });
  expect(closed.status).toBe(201);
  const again = submitApplication(1, "2019-02-01T09:00:00Z");
  const second = await r.send({
    ...again,
    commandId: "apply-1-again",
    data: { ...again.data, candidateId: "cand-1b" },
  });
  expect(second.status).toBe(201);
  const found = await post(
    `${r.url}/persons/lookup`,
    { codiceFiscale: codiceFiscale(1) },
    await r.as(operator),
  );
  expect(found.status).toBe(200);
  return ((await found.json()) as { personId: string }).personId;
};

describe("GET /persons/:personId/history", () => {
  it("gives staff the whole person across cases, personal data opened", async () => {
    running = await startService();
    const personId = await twoCases(running);
    for (const actor of [operator, referent]) {
      const response = await fetch(`${running.url}/persons/${personId}/history`, {
        headers: await running.as(actor),
      });
      expect(response.status, actor.role).toBe(200);
      const body = (await response.json()) as {
        view: string;
        personId: string;
        personal: unknown;
        cases: { candidateId: string; status: string; closings: unknown[] }[];
        timeline: { candidateId: string; type: string }[];
      };
      expect(body.view).toBe("person");
      expect(body.personId).toBe(personId);
      expect(body.cases.map((c) => [c.candidateId, c.status])).toEqual([
        ["cand-1", "closed"],
        ["cand-1b", "applied"],
      ]);
      expect(body.cases[0]?.closings).toEqual([{ closedOn: "2018-03-01", reason: "moved" }]);
      expect(body.timeline.map((t) => [t.candidateId, t.type])).toEqual([
        ["cand-1", "CandidateApplied"],
        ["cand-1", "CaseClosed"],
        ["cand-1b", "CandidateApplied"],
      ]);
      expect(body.personal).toMatchObject({ erased: false, value: { familyName: "Rossi 1" } });
    }
  });

  it("shows an auditor the person by pseudonym: no personal data", async () => {
    running = await startService();
    const personId = await twoCases(running);
    const response = await fetch(`${running.url}/persons/${personId}/history`, {
      headers: await running.as(auditor),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ view: "pseudonymous", personId });
    for (const secret of ["Rossi", "Maria", codiceFiscale(1), "personal"]) expect(text).not.toContain(secret);
  });

  it("answers a company as for an unknown person, and refuses a caller without a valid token", async () => {
    running = await startService();
    const personId = await twoCases(running);
    const asCompany = await fetch(`${running.url}/persons/${personId}/history`, {
      headers: await running.as(company),
    });
    const unknownAsCompany = await fetch(`${running.url}/persons/nobody/history`, {
      headers: await running.as(company),
    });
    const unknown = await fetch(`${running.url}/persons/nobody/history`, {
      headers: await running.as(operator),
    });
    expect([asCompany.status, unknownAsCompany.status, unknown.status]).toEqual([404, 404, 404]);
    const unknownBody = (await unknown.json()) as Record<string, unknown>;
    expect(await unknownAsCompany.json()).toEqual(unknownBody);
    expect(await asCompany.json()).toEqual({ ...unknownBody, message: `no person ${personId}` });
    expect(unknownBody).toEqual({
      error: "not-found",
      rule: "person-not-found",
      message: "no person nobody",
    });
    // No token, a forged token.
    expect((await fetch(`${running.url}/persons/${personId}/history`)).status).toBe(401);
    const forged = await fetch(`${running.url}/persons/${personId}/history`, {
      headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcC0xIiwicm9sZSI6Im9wZXJhdG9yIn0." },
    });
    expect(forged.status).toBe(401);
  });

  it("refuses a codice fiscale in the URL", async () => {
    running = await startService();
    await twoCases(running);
    const headers = await running.as(operator);
    const inPath = await fetch(`${running.url}/persons/${codiceFiscale(1)}/history`, { headers });
    expect(inPath.status).toBe(400);
    expect(await inPath.text()).not.toContain(codiceFiscale(1));
    const inQuery = await post(
      `${running.url}/persons/lookup?codiceFiscale=${codiceFiscale(1)}`,
      { codiceFiscale: codiceFiscale(1) },
      headers,
    );
    expect(inQuery.status).toBe(400);
    expect(await inQuery.json()).toMatchObject({ error: "invalid-query" });
  });
});

describe("POST /persons/lookup", () => {
  it("finds a person by codice fiscale for staff only; 404 for no person; never echoes the code", async () => {
    running = await startService();
    const personId = await twoCases(running);
    const url = `${running.url}/persons/lookup`;
    const byReferent = await post(
      url,
      { codiceFiscale: codiceFiscale(1).toLowerCase() },
      await running.as(referent),
    );
    expect(await byReferent.json()).toEqual({ personId });
    const none = await post(url, { codiceFiscale: codiceFiscale(2) }, await running.as(operator));
    expect(none.status).toBe(404);
    expect(await none.text()).not.toContain(codiceFiscale(2));
    const invalid = await post(url, { codiceFiscale: "RSSMRA85T10A562X" }, await running.as(operator));
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).not.toContain("RSSMRA85T10A562X");
    expect(
      (await post(url, { codiceFiscale: codiceFiscale(1), extra: 1 }, await running.as(operator))).status,
    ).toBe(400);
    for (const actor of [auditor, company]) {
      const refused = await post(url, { codiceFiscale: codiceFiscale(1) }, await running.as(actor));
      expect(refused.status, actor.role).toBe(403);
    }
    expect((await post(url, { codiceFiscale: codiceFiscale(1) })).status).toBe(401);
  });
});
