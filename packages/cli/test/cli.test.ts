import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson } from "@insieme/statistics";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, inProcess, oneErrorLine } from "./run-cli.js";

const work = mkdtempSync(join(tmpdir(), "insieme-cli-"));
const commandsFile = join(work, "commands.ndjson");

beforeAll(() => {
  const lines = [...syntheticProgramme({ seed: 3, candidates: 12, applicationsPerMonth: 6 })].map((c) =>
    canonicalJson(c),
  );
  writeFileSync(commandsFile, `${lines.join("\n")}\n`);
});

describe("insieme CLI", () => {
  it("--help on the program (spawned) and on every command", async () => {
    const top = await cli("--help");
    expect(top.code).toBe(0);
    for (const name of ["demo", "import", "report", "verify", "whatif", "export"])
      expect(top.stdout).toContain(name);
    for (const name of ["demo", "import", "report", "verify", "whatif", "export"]) {
      const help = await inProcess(name, "--help");
      expect(help.code, name).toBe(0);
      expect(help.stdout, name).toContain(`Usage: insieme ${name}`);
    }
  });

  it("errors are one line on stderr with a non-zero exit", async () => {
    const unknown = await cli("frobnicate");
    expect(unknown.code).not.toBe(0);
    oneErrorLine(unknown);
    const missing = await cli(
      "report",
      "--config",
      "illustrative",
      "--journal",
      join(work, "nowhere"),
      "--release",
      "2017-Q3",
    );
    expect(missing.code).toBe(1);
    oneErrorLine(missing);
    const lowThreshold = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      join(work, "nowhere"),
      "--min-cell",
      "2",
    );
    expect(lowThreshold.code).toBe(2);
    oneErrorLine(lowThreshold);
    expect(lowThreshold.stderr).toContain("--min-cell");
    const badDate = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      join(work, "nowhere"),
      "--from",
      "2017-13-01",
    );
    expect(badDate.code).toBe(2);
    oneErrorLine(badDate);
    const noJournal = await inProcess("report", "--config", "illustrative");
    expect(noJournal.code).not.toBe(0);
    oneErrorLine(noJournal);
    const badFormat = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      join(work, "nowhere"),
      "--format",
      "pdf",
    );
    expect(badFormat.code).toBe(2);
    oneErrorLine(badFormat);
  });

  it("refuses a published report for any window or as-of but a released period's (exit 2, one line)", async () => {
    const report = (...args: string[]) =>
      inProcess("report", "--config", "illustrative", "--journal", join(work, "nowhere"), ...args);
    const refusals: [string[], string][] = [
      [["--from", "2017-07-01"], "a published report covers one quarter of the release calendar"],
      [
        ["--from", "2017-09-04", "--to", "2017-09-05"],
        "2017-09-04..2017-09-05 is not a period of the release calendar",
      ],
      [["--from", "2017-05-01", "--to", "2017-11-30"], "is not a period of the release calendar"],
      [
        ["--release", "2017-Q3", "--as-of", "2017-10-15T23:59:59.998Z"],
        "is not the release instant of 2017-Q3 (2017-10-15T23:59:59.999Z)",
      ],
      [
        ["--from", "2017-07-01", "--to", "2017-09-30", "--as-of", "2018-01-01"],
        "is not the release instant of 2017-Q3",
      ],
      [["--release", "2999-Q1"], "2999-Q1 is released at 2999-04-15T23:59:59.999Z: not before"],
      [["--release", "2017-09"], "a quarter is named like 2017-Q2"],
      [["--calendar", "month", "--release", "2017-04"], "the calendar starts on 2017-05-01"],
      [["--calendar", "week"], "--calendar must be month, quarter or year"],
      [["--release", "2017-Q3", "--from", "2017-07-01"], "--release names the period"],
      [["--raw", "--release", "2017-Q3"], "--raw takes any --from, --to and --as-of"],
      [["--min-cell", "2", "--release", "2017-Q3"], "at least 3"],
    ];
    for (const [args, message] of refusals) {
      const run = await report(...args);
      expect(run.code, args.join(" ")).toBe(2);
      oneErrorLine(run);
      expect(run.stderr, args.join(" ")).toContain(message);
    }
    // A refused release names what is released.
    expect((await report("--release", "2999-Q1")).stderr).toMatch(
      /released: 2017-Q2 … \d{4}-Q[1-4] \(\d+ quarters\)/,
    );
  });

  it("imports commands, reports the same bytes twice, verifies, exports and imports the history", async () => {
    const journal = join(work, "journal");
    const imported = await cli("import", "--config", "illustrative", "--journal", journal, commandsFile);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^accepted \d+, rejected 0/);

    const release = ["--release", "2017-Q3", "--format", "json"];
    const first = await cli("report", "--config", "illustrative", "--journal", journal, ...release);
    const second = await cli("report", "--config", "illustrative", "--journal", journal, ...release);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout);
    expect(report.provenance.disclosure.mode).toBe("published");
    expect(report.provenance.window).toEqual({
      from: "2017-07-01",
      to: "2017-09-30",
      asOf: "2017-10-15T23:59:59.999Z",
    });

    const raw = JSON.parse(
      (await cli("report", "--config", "illustrative", "--journal", journal, "--format", "json", "--raw"))
        .stdout,
    );
    expect(raw.provenance.disclosure.notice).toMatch(/^raw — internal use only/);
    expect(raw.provenance.journalHash.kind).toBe("chain-head");

    const verified = await cli("verify", "--config", "illustrative", "--journal", journal);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^journal OK: .*\n(no --anchor: .*\n)?replay OK: /);

    const history = join(work, "history.ndjson");
    const exported = await cli("export", "--journal", journal, "--out", history);
    expect(exported.code).toBe(0);
    const copy = join(work, "copy");
    const moved = await cli("import", "--config", "illustrative", "--journal", copy, history);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/^imported history: /);
    const copied = JSON.parse(
      (await cli("report", "--config", "illustrative", "--journal", copy, "--format", "json", "--raw"))
        .stdout,
    );
    expect(copied.statistics).toEqual(raw.statistics);
    expect(copied.provenance.lastPosition).toBe(raw.provenance.lastPosition);
  }, 180_000);

  it("a second import of the published scenario into the same journal is all duplicates: exit 0, nothing written", async () => {
    const journal = join(work, "published-twice");
    const scenario = new URL("../../../examples/published-scenario/commands.ndjson", import.meta.url)
      .pathname;
    const lines = readFileSync(scenario, "utf8").trim().split("\n").length;
    const first = await cli("import", "--config", "illustrative", "--journal", journal, scenario);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`accepted ${lines}, rejected 0, duplicates 0`);
    const bytes = readFileSync(join(journal, "journal.ndjson"));
    const second = await cli("import", "--config", "illustrative", "--journal", journal, scenario);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`accepted ${lines}, rejected 0, duplicates ${lines}`);
    expect(readFileSync(join(journal, "journal.ndjson")).equals(bytes)).toBe(true);
  }, 180_000);

  it("lists rejected lines with their number and reason and exits non-zero", async () => {
    const journal = join(work, "rejecting");
    const lines = readFileSync(commandsFile, "utf8").trim().split("\n").slice(0, 4);
    lines.splice(
      2,
      0,
      "{ not json",
      JSON.stringify({
        commandId: "x-1",
        type: "ScreenCandidate",
        actor: { id: "o", role: "operator" },
        data: {},
      }),
    );
    const file = join(work, "bad.ndjson");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = await cli("import", "--config", "illustrative", "--journal", journal, file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("accepted 4, rejected 2, duplicates 0");
    expect(run.stderr).toContain(`${file}:3: rejected (json)`);
    expect(run.stderr).toContain(`${file}:4: rejected (schema)`);
  });

  it("verify names a tampered record and exits non-zero", async () => {
    const journal = join(work, "tampered");
    expect((await cli("import", "--config", "illustrative", "--journal", journal, commandsFile)).code).toBe(
      0,
    );
    const path = join(journal, "journal.ndjson");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace('"channel":"desk"', '"channel":"online_form"'));
    const run = await cli("verify", "--config", "illustrative", "--journal", journal);
    expect(run.code).toBe(1);
    oneErrorLine(run);
    expect(run.stderr).toContain("NOT OK");
  });
});
