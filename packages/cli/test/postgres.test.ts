import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson } from "@insieme/statistics";
import { createTestDatabase, type TestDatabase } from "@insieme/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, inProcess, type Run } from "./run-cli.js";

const work = mkdtempSync(join(tmpdir(), "insieme-cli-pg-"));
const commandsFile = join(work, "commands.ndjson");
const journal = join(work, "journal");
const fromJournal = join(work, "from-journal.ndjson");
const fromPostgres = join(work, "from-postgres.ndjson");
const copy = join(work, "copy");
let database: TestDatabase;

const readHistory = (path: string) => {
  const [header, ...events] = readFileSync(path, "utf8").trim().split("\n");
  return {
    header: JSON.parse(header ?? "null") as { source: { kind: string; location: string } },
    events: events.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
};
const withoutPosition = ({ position: _position, ...rest }: Record<string, unknown>) => rest;
const succeeded = (run: Run) => {
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
};

beforeAll(async () => {
  const lines = [...syntheticProgramme({ seed: 7, candidates: 16, applicationsPerMonth: 6 })].map((c) =>
    canonicalJson(c),
  );
  writeFileSync(commandsFile, `${lines.join("\n")}\n`);
  database = await createTestDatabase("cli");
});
afterAll(() => database.drop());

describe("insieme export / import between a journal and PostgreSQL", () => {
  it("moves a journal's history into PostgreSQL and back into a new journal unchanged", async () => {
    succeeded(await cli("import", "--config", "illustrative", "--journal", journal, commandsFile));
    succeeded(await inProcess("export", "--journal", journal, "--out", fromJournal));
    const into = await inProcess("import", "--postgres", database.url, fromJournal);
    succeeded(into);
    expect(into.stdout).toMatch(/^imported history: \d+ events in \d+ streams .*postgres /);
    expect(into.stdout).not.toContain(new URL(database.url).password);
    succeeded(await inProcess("export", "--postgres", database.url, "--out", fromPostgres));
    const back = await inProcess("import", "--config", "illustrative", "--journal", copy, fromPostgres);
    succeeded(back);

    const original = readHistory(fromJournal);
    const viaPostgres = readHistory(fromPostgres);
    expect(original.events.length).toBeGreaterThan(50);
    expect(viaPostgres.header.source.kind).toBe("postgres");
    expect(viaPostgres.header.source.location).not.toContain(new URL(database.url).password);
    expect(viaPostgres.events.map(withoutPosition)).toEqual(original.events.map(withoutPosition));
    const returned = join(work, "returned.ndjson");
    succeeded(await inProcess("export", "--journal", copy, "--out", returned));
    expect(readHistory(returned).events.map(withoutPosition)).toEqual(original.events.map(withoutPosition));
  });

  it("refuses to import into a store that already holds events, and writes nothing", async () => {
    const again = await inProcess("import", "--postgres", database.url, fromJournal);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("already holds events");
  });

  it("a bad URL or two stores at once is one error line naming the option", async () => {
    const bad = await inProcess("import", "--postgres", "mysql://h/db", fromJournal);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--postgres: must be a postgres://");
    const both = await inProcess("export", "--journal", journal, "--postgres", database.url, "--out", "x");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--journal and --postgres name 2 stores");
  });
});
