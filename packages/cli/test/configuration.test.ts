import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import { syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson } from "@insieme/statistics";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { inProcess, oneErrorLine } from "./run-cli.js";

const work = mkdtempSync(join(tmpdir(), "insieme-cli-config-"));
const commandsFile = join(work, "commands.ndjson");
const rules = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules;
const saved = process.env.INSIEME_CONFIG;

beforeAll(() => {
  const lines = [...syntheticProgramme({ seed: 5, candidates: 6, applicationsPerMonth: 6 })].map((c) =>
    canonicalJson(c),
  );
  writeFileSync(commandsFile, `${lines.join("\n")}\n`);
});

afterEach(() => {
  if (saved === undefined) delete process.env.INSIEME_CONFIG;
  else process.env.INSIEME_CONFIG = saved;
});

describe("insieme and the programme configuration", () => {
  it("refuses to import without a configuration, and writes nothing", async () => {
    delete process.env.INSIEME_CONFIG;
    const journal = join(work, "refused");
    const run = await inProcess("import", "--journal", journal, commandsFile);
    expect(run.code).toBe(2);
    oneErrorLine(run);
    expect(run.stderr).toContain("a programme configuration is required");
    expect(existsSync(journal)).toBe(false);
    const report = await inProcess("report", "--journal", journal);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain("illustrative");
  });

  it("names a missing file and the field of an invalid one", async () => {
    const missing = await inProcess(
      "import",
      "--config",
      join(work, "nope.json"),
      "--journal",
      join(work, "j1"),
      commandsFile,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.json: no such configuration file");
    const bad = join(work, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ versions: [{ ...rules, eligibility: { ...rules?.eligibility, minimumAge: 3 } }] }),
    );
    const invalid = await inProcess("import", "--config", bad, "--journal", join(work, "j2"), commandsFile);
    expect(invalid.code).toBe(2);
    oneErrorLine(invalid);
    expect(invalid.stderr).toContain("versions.0.eligibility.minimumAge");
    expect(existsSync(join(work, "j2"))).toBe(false);
  });

  it("decides under the file INSIEME_CONFIG names, and the report cites its version and hash", async () => {
    const file = join(work, "programme.json");
    writeFileSync(
      file,
      JSON.stringify({ versions: [{ ...rules, id: "insieme-test", label: "a copy for tests" }] }),
    );
    process.env.INSIEME_CONFIG = file;
    const journal = join(work, "decided");
    const imported = await inProcess("import", "--journal", journal, commandsFile);
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(work, "report.json");
    const report = await inProcess("report", "--journal", journal, "--format", "json", "--raw", "--out", out);
    expect(report.code, report.stderr).toBe(0);
    const configuration = JSON.parse(readFileSync(out, "utf8")).provenance.configuration;
    expect(configuration.labelledBy).toMatchObject({ id: "insieme-test", version: 1 });
    expect(configuration.decidedUnder).toHaveLength(1);
    expect(configuration.decidedUnder[0]).toMatchObject({ id: "insieme-test", version: 1 });
    expect(configuration.decidedUnder[0].hash).toBe(configuration.labelledBy.hash);
    expect(configuration.unrecorded).toBe(0);
    const verified = await inProcess("verify", "--journal", journal);
    expect(verified.code, verified.stderr).toBe(0);
  });

  it("whatif compares every cell under another configuration and writes nothing", async () => {
    const journal = join(work, "whatif");
    expect(
      (await inProcess("import", "--config", "illustrative", "--journal", journal, commandsFile)).code,
    ).toBe(0);
    const before = readFileSync(join(journal, "journal.ndjson"));
    const stricter = join(work, "stricter.json");
    const profile = rules?.fragilityProfiles[0];
    writeFileSync(
      stricter,
      JSON.stringify({
        versions: [
          {
            ...rules,
            id: "stricter",
            fragilityProfiles: [
              { ...profile, version: 2, conclamata: { ...profile?.conclamata, thresholdPermille: 100 } },
            ],
          },
        ],
      }),
    );
    const writes: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      writes.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    let run: Awaited<ReturnType<typeof inProcess>>;
    try {
      run = await inProcess("whatif", "--journal", journal, "--config", stricter, "--format", "json");
    } finally {
      process.stdout.write = write;
    }
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(writes.join(""));
    expect(result.format).toBe("insieme-whatif/1");
    const cells = result.statistics.flatMap((s: { tables: { rows: { cells: unknown[] }[] }[] }) =>
      s.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)),
    );
    expect(cells.every((c: object) => Object.keys(c).sort().join() === "current,whatIf")).toBe(true);
    expect(result.configuration.whatIf[0]).toMatchObject({ id: "stricter", version: 1 });
    expect(result.moved.length).toBeGreaterThan(0);
    expect(readFileSync(join(journal, "journal.ndjson")).equals(before)).toBe(true);
    delete process.env.INSIEME_CONFIG;
    const refused = await inProcess("whatif", "--journal", journal);
    expect(refused.code).toBe(2);
  });
});
