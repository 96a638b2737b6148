import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson } from "@insieme/statistics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StandIn, startStandIn } from "../../eventstoredb/test/stand-in/server.js";
import { cli, inProcess, oneErrorLine, type Run } from "./run-cli.js";

const work = mkdtempSync(join(tmpdir(), "insieme-cli-esdb-"));
const commandsFile = join(work, "commands.ndjson");
const journal = join(work, "journal");
const fromJournal = join(work, "from-journal.ndjson");
const fromEventStoreDb = join(work, "from-eventstoredb.ndjson");
const copy = join(work, "copy");
let standIn: StandIn;

interface HistoryFile {
  readonly header: { format: string; source: { kind: string; location: string } };
  readonly events: Record<string, unknown>[];
}

const readHistory = (path: string): HistoryFile => {
  const [header, ...events] = readFileSync(path, "utf8").trim().split("\n");
  return { header: JSON.parse(header ?? "null"), events: events.map((line) => JSON.parse(line)) };
};

/** Everything an event carries but its global position, which each store assigns itself. */
const withoutPosition = ({ position: _position, ...rest }: Record<string, unknown>) => rest;

/** Runs `action` with INSIEME_EVENTSTOREDB_URL set to `value` (or unset), then restores it. */
const withEnv = async <T>(value: string | undefined, action: () => Promise<T>): Promise<T> => {
  const saved = process.env.INSIEME_EVENTSTOREDB_URL;
  if (value === undefined) delete process.env.INSIEME_EVENTSTOREDB_URL;
  else process.env.INSIEME_EVENTSTOREDB_URL = value;
  try {
    return await action();
  } finally {
    if (saved === undefined) delete process.env.INSIEME_EVENTSTOREDB_URL;
    else process.env.INSIEME_EVENTSTOREDB_URL = saved;
  }
};

const succeeded = (run: Run) => {
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
};

beforeAll(async () => {
  const lines = [...syntheticProgramme({ seed: 5, candidates: 16, applicationsPerMonth: 6 })].map((c) =>
    canonicalJson(c),
  );
  writeFileSync(commandsFile, `${lines.join("\n")}\n`);
  standIn = await startStandIn();
});

afterAll(async () => {
  await standIn.stop();
});

describe("insieme export / import between a journal and EventStoreDB", () => {
  it("moves a journal's history into EventStoreDB and back into a new journal unchanged", async () => {
    succeeded(await cli("import", "--config", "illustrative", "--journal", journal, commandsFile));
    succeeded(await inProcess("export", "--journal", journal, "--out", fromJournal));
    const intoEventStoreDb = await inProcess(
      "import",
      "--eventstoredb",
      standIn.connectionString,
      fromJournal,
    );
    succeeded(intoEventStoreDb);
    expect(intoEventStoreDb.stdout).toMatch(/^imported history: \d+ events in \d+ streams .*eventstoredb /);
    succeeded(
      await inProcess("export", "--eventstoredb", standIn.connectionString, "--out", fromEventStoreDb),
    );
    const back = await inProcess("import", "--config", "illustrative", "--journal", copy, fromEventStoreDb);
    succeeded(back);
    expect(back.stdout).toMatch(/^imported history: .*chain head [0-9a-f]{64}$/m);

    const original = readHistory(fromJournal);
    const viaEventStoreDb = readHistory(fromEventStoreDb);
    const returned = join(work, "returned.ndjson");
    succeeded(await inProcess("export", "--journal", copy, "--out", returned));
    const final = readHistory(returned);

    expect(original.events.length).toBeGreaterThan(50);
    // The history exercises every envelope field, so equality below means each of them survived both moves.
    expect(original.events.some((e) => e.correlationId !== null)).toBe(true);
    expect(original.events.some((e) => e.causationId !== null)).toBe(true);
    expect(original.events.some((e) => e.occurredAt !== e.recordedAt)).toBe(true);
    expect(viaEventStoreDb.header.source).toEqual({
      kind: "eventstoredb",
      location: standIn.connectionString,
    });
    // Ids, streams, revisions, order, type, version, data, occurredAt, recordedAt, correlation, causation, actor.
    expect(viaEventStoreDb.events.map(withoutPosition)).toEqual(original.events.map(withoutPosition));
    expect(final.events.map(withoutPosition)).toEqual(original.events.map(withoutPosition));
    const positions = viaEventStoreDb.events.map((e) => e.position as number);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const before = JSON.parse(
      (await cli("report", "--config", "illustrative", "--journal", journal, "--format", "json", "--raw"))
        .stdout,
    );
    const after = JSON.parse(
      (await cli("report", "--config", "illustrative", "--journal", copy, "--format", "json", "--raw"))
        .stdout,
    );
    expect(after.statistics).toEqual(before.statistics);
    expect(after.provenance.eventsReplayed).toBe(before.provenance.eventsReplayed);
  });

  it("reads the connection string from INSIEME_EVENTSTOREDB_URL when no store is named", async () => {
    const viaEnv = join(work, "via-env.ndjson");
    const run = await withEnv(standIn.connectionString, () => inProcess("export", "--out", viaEnv));
    succeeded(run);
    expect(readFileSync(viaEnv, "utf8")).toBe(readFileSync(fromEventStoreDb, "utf8"));
  });

  it("imports a history only into an empty EventStoreDB, and a command file only into a journal", async () => {
    const again = await inProcess(
      "import",
      "--config",
      "illustrative",
      "--eventstoredb",
      standIn.connectionString,
      fromJournal,
    );
    expect(again.code).toBe(1);
    oneErrorLine(again);
    expect(again.stderr).toContain("already holds Insieme events");
    const commands = await inProcess(
      "import",
      "--config",
      "illustrative",
      "--eventstoredb",
      standIn.connectionString,
      commandsFile,
    );
    expect(commands.code).toBe(2);
    oneErrorLine(commands);
    expect(commands.stderr).toContain("into a journal only");
  });

  it("needs exactly one store, and checks the connection string", async () => {
    const both = await inProcess(
      "export",
      "--journal",
      journal,
      "--eventstoredb",
      "esdb://h:2113",
      "--out",
      "x",
    );
    expect(both.code).toBe(2);
    oneErrorLine(both);
    expect(both.stderr).toContain("give only one");
    const neither = await withEnv(undefined, () => inProcess("export", "--out", join(work, "x")));
    expect(neither.code).toBe(2);
    oneErrorLine(neither);
    expect(neither.stderr).toContain("--journal <path> or --eventstoredb <connection-string> is required");
    const badEnv = await withEnv("http://h", () => inProcess("export", "--out", join(work, "x")));
    expect(badEnv.code).toBe(2);
    oneErrorLine(badEnv);
    expect(badEnv.stderr).toContain("INSIEME_EVENTSTOREDB_URL: must be an esdb://");
    const badOption = await inProcess(
      "import",
      "--config",
      "illustrative",
      "--eventstoredb",
      "tcp://h:1113",
      fromJournal,
    );
    expect(badOption.code).toBe(2);
    oneErrorLine(badOption);
    expect(badOption.stderr).toContain("--eventstoredb: must be an esdb://");
  });

  it("reports an unreachable server in one line and exits non-zero, without hanging", async () => {
    const gone = await startStandIn();
    await gone.stop();
    const out = join(work, "unreachable.ndjson");
    const run = await inProcess("export", "--eventstoredb", gone.connectionString, "--out", out);
    expect(run.code).toBe(1);
    oneErrorLine(run);
    expect(run.stderr).toContain(`cannot use EventStoreDB at ${gone.connectionString}`);
    expect(() => readFileSync(out)).toThrow();
  }, 40_000);
});
