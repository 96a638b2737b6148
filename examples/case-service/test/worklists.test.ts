import { createTestDatabase, type TestDatabase } from "@insieme/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { postgresSource } from "../src/event-source.js";
import { codiceFiscale, submitApplication } from "./support/commands.js";
import { type Running, startService } from "./support/http.js";

let running: Running | undefined;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("case_service");
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(() => database.drop());

const operator = { id: "op-1", role: "operator" } as const;
const company = { id: "user-co-1", role: "company", companyId: "co-1" } as const;

const exercise = async (service: Running) => {
  expect((await service.send(submitApplication(1, "2018-02-01T09:00:00Z"))).status).toBe(201);
  expect((await service.send(submitApplication(2, "2018-02-02T09:00:00Z"))).status).toBe(201);
  const get = async (path: string, headers: Record<string, string>) => {
    const response = await fetch(`${service.url}/worklists/${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const asOperator = await service.as(operator);

  const open = await get("open-cases?limit=1&sort=appliedOn&order=desc", asOperator);
  expect(open.status).toBe(200);
  expect(open.body).toMatchObject({ items: [{ candidateId: "cand-2", state: "applied" }], next: 1 });

  const waiting = await get("waiting?stage=screening&days=14&asOf=2018-03-01", asOperator);
  expect((waiting.body.items as { candidateId: string }[]).map((c) => c.candidateId)).toEqual([
    "cand-1",
    "cand-2",
  ]);

  const person = await get("person-cases", { ...asOperator, "insieme-codice-fiscale": codiceFiscale(1) });
  expect(person.status).toBe(200);
  expect((person.body.items as { candidateId: string }[]).map((c) => c.candidateId)).toEqual(["cand-1"]);
  expect(JSON.stringify(person.body)).not.toContain(codiceFiscale(1));

  // Attacker's side: a company, an auditor, no token, a forged query.
  const asCompany = await service.as(company);
  expect((await get("open-cases", asCompany)).status).toBe(403);
  expect(
    (await get("person-cases", { ...asCompany, "insieme-codice-fiscale": codiceFiscale(1) })).status,
  ).toBe(403);
  expect((await get("pending-proposals", asCompany)).body).toEqual({ items: [], next: null });
  const otherCompany = await get("opportunities?companyId=co-2", asCompany);
  expect(otherCompany.status).toBe(200); // its own list, whatever it names
  expect((await get("pipeline", await service.as({ id: "aud-1", role: "auditor" }))).status).toBe(403);
  expect((await get("open-cases", {})).status).toBe(401);
  expect((await get("open-cases?limit=100000", asOperator)).status).toBe(400);
  expect((await get("open-cases?sort=state;DROP", asOperator)).status).toBe(400);
  expect((await get("person-cases", asOperator)).status).toBe(400);
};

describe("GET /worklists/... by role", () => {
  it("journal events, work lists in SQLite", async () => {
    running = await startService();
    await exercise(running);
  });

  it("events kept in PostgreSQL", async () => {
    const source = await postgresSource(database.url);
    running = await startService({ store: source.store });
    await exercise(running);
  });
});
