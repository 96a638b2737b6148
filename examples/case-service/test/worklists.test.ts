import { createTestDatabase, type TestDatabase } from "@insieme/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, configFromEnv } from "../src/config.js";
import { postgresSource, programmeSource } from "../src/event-source.js";
import {
  codiceFiscale,
  joinBoard,
  proposePlacement,
  recordFirstInterview,
  screenInTarget,
  submitApplication,
} from "./support/commands.js";
import { type Running, startService } from "./support/http.js";

let running: Running | undefined;
let second: Running | undefined;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("case_service");
});
afterEach(async () => {
  await running?.stop();
  await second?.stop();
  running = undefined;
  second = undefined;
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
  expect((await get("open-cases?municipality=037006;DROP", asOperator)).status).toBe(400);
  expect((await get("open-cases?area=navile", asOperator)).status).toBe(400);

  // A desk's list: the comuni and areas it serves.
  const navile = await get("open-cases?municipality=037006,037032&area=navile", asOperator);
  expect((navile.body.items as { candidateId: string }[]).map((c) => c.candidateId)).toEqual([
    "cand-1",
    "cand-2",
  ]);
  expect((await get("open-cases?municipality=037032", asOperator)).body.items).toEqual([]);
  expect((await get("follow-ups?asOf=2018-03-01&days=30", asOperator)).body).toEqual({
    items: [],
    next: null,
  });
  expect((await get("projects?kind=autoimpiego&state=approved", asOperator)).body).toEqual({
    items: [],
    next: null,
  });
  expect((await get("project-pipeline", asOperator)).body).toEqual({});
  for (const list of ["follow-ups", "projects", "project-pipeline", "waiting?stage=screening"])
    expect((await get(list, asCompany)).status, list).toBe(403);
};

/** Two companies with a proposal each: a company's token reads its own, never the other's. */
const companiesApart = async (service: Running) => {
  for (const command of [
    joinBoard(1, "direct", "2018-01-10T09:00:00Z"),
    joinBoard(2, "direct", "2018-01-10T09:00:00Z"),
    submitApplication(1, "2018-02-01T09:00:00Z"),
    submitApplication(2, "2018-02-02T09:00:00Z"),
    screenInTarget(1, "2018-02-10T09:00:00Z"),
    screenInTarget(2, "2018-02-10T09:00:00Z"),
    recordFirstInterview(1, "2018-02-20T09:00:00Z"),
    recordFirstInterview(2, "2018-02-20T09:00:00Z"),
    proposePlacement(1, 1, "2018-03-01T09:00:00Z"),
    proposePlacement(2, 2, "2018-03-02T09:00:00Z"),
  ]) {
    const response = await service.send(command);
    expect(response.status, command.commandId).toBe(201);
  }
  const get = async (path: string, who: typeof company | typeof operator) => {
    const response = await fetch(`${service.url}/worklists/${path}`, { headers: await service.as(who) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const all = await get("pending-proposals", operator);
  expect((all.body.items as { proposalId: string }[]).map((c) => c.proposalId)).toEqual(["p-1-1", "p-2-2"]);
  const own = await get("pending-proposals", company);
  expect(own.body).toEqual({
    items: [
      {
        candidateId: "cand-1",
        state: "proposed",
        proposalId: "p-1-1",
        proposedOn: "2018-03-01",
        internshipId: null,
        internshipEnd: null,
      },
    ],
    next: null,
  });
  const other = { id: "user-co-2", role: "company", companyId: "co-2" } as const;
  const theirs = await get("pending-proposals", other as unknown as typeof company);
  expect((theirs.body.items as { proposalId: string }[]).map((c) => c.proposalId)).toEqual(["p-2-2"]);
  // The query cannot widen the scope: no company parameter is accepted, and the token's company decides.
  const widened = await fetch(`${service.url}/worklists/pending-proposals?companyId=co-2`, {
    headers: await service.as(company),
  });
  expect(widened.status).toBe(400);
  expect(JSON.stringify(own.body)).not.toMatch(/co-2|cand-2|op-1|037006|navile/);
};

describe("GET /worklists/... by role", () => {
  it("journal events, work lists in SQLite", async () => {
    running = await startService();
    await exercise(running);
  });

  it("attacker: a company's token reads only the rows that concern its company", async () => {
    running = await startService();
    await companiesApart(running);
  });

  it("events kept in PostgreSQL", async () => {
    const source = await postgresSource(database.url);
    running = await startService({ store: source.store });
    await exercise(running);
  });

  it("two programmes in one PostgreSQL store (INSIEME_PROGRAMME): each service sees its own cases only", async () => {
    running = await startService({
      store: programmeSource(await postgresSource(database.url), "alpha").store,
    });
    second = await startService({ store: programmeSource(await postgresSource(database.url), "beta").store });
    expect((await running.send(submitApplication(1, "2018-02-01T09:00:00Z"))).status).toBe(201);
    expect((await running.send(submitApplication(2, "2018-02-02T09:00:00Z"))).status).toBe(201);
    // The same command and codice fiscale in the other programme is a case of its own, not a duplicate.
    expect((await second.send(submitApplication(1, "2018-02-03T09:00:00Z"))).status).toBe(201);
    const cases = async (service: Running) => {
      const response = await fetch(`${service.url}/worklists/open-cases`, {
        headers: await service.as(operator),
      });
      return ((await response.json()) as { items: { candidateId: string; appliedOn: string }[] }).items.map(
        (c) => `${c.candidateId}@${c.appliedOn}`,
      );
    };
    expect(await cases(running)).toEqual(["cand-1@2018-02-01", "cand-2@2018-02-02"]);
    expect(await cases(second)).toEqual(["cand-1@2018-02-03"]);
    const pipeline = async (service: Running) =>
      (await fetch(`${service.url}/worklists/pipeline`, { headers: await service.as(operator) })).json();
    expect(await pipeline(running)).toEqual({ applied: 2 });
    expect(await pipeline(second)).toEqual({ applied: 1 });
  });

  it("INSIEME_PROGRAMME is checked as a namespace", () => {
    const env = { INSIEME_CONFIG: "illustrative" };
    expect(configFromEnv({ ...env, INSIEME_PROGRAMME: "carpi" }).programme).toBe("carpi");
    expect(configFromEnv(env).programme).toBeNull();
    expect(() => configFromEnv({ ...env, INSIEME_PROGRAMME: "../x" })).toThrow(ConfigError);
  });
});
