import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inProcess, oneErrorLine } from "./run-cli.js";

const work = mkdtempSync(join(tmpdir(), "insieme-exit-"));
const nowhere = join(work, "nowhere");

/** docs/commands.md, "Exit codes": 0 ok, 1 failure, 2 usage, whichever parser catches the usage error. */
describe("exit codes", () => {
  it("0 for help and the version", async () => {
    expect((await inProcess("--help")).code).toBe(0);
    expect((await inProcess("report", "--help")).code).toBe(0);
    const version = await inProcess("--version");
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    ["no command", []],
    ["an unknown command", ["frobnicate"]],
    [
      "an unknown option (Commander)",
      ["report", "--config", "illustrative", "--journal", nowhere, "--bogus"],
    ],
    ["a missing required option (Commander)", ["report", "--config", "illustrative"]],
    ["a missing argument (Commander)", ["import", "--config", "illustrative", "--journal", nowhere]],
    ["an option's value without the value (Commander)", ["report", "--journal"]],
    [
      "a value refused by the options' schema",
      ["report", "--config", "illustrative", "--journal", nowhere, "--min-cell", "2"],
    ],
    [
      "a malformed date",
      ["report", "--config", "illustrative", "--journal", nowhere, "--from", "2017-13-01"],
    ],
    ["an unknown format", ["report", "--config", "illustrative", "--journal", nowhere, "--format", "pdf"]],
    [
      "a configuration that does not exist",
      ["report", "--config", join(work, "none.json"), "--journal", nowhere],
    ],
    ["--candidates without --seed", ["demo", "--journal", join(work, "demo"), "--candidates", "3"]],
    [
      "a malformed EventStoreDB connection string",
      ["export", "--eventstoredb", "http://x", "--out", join(work, "h")],
    ],
    [
      "two stores at once",
      [
        "export",
        "--journal",
        nowhere,
        "--eventstoredb",
        "esdb://127.0.0.1:1?tls=false",
        "--out",
        join(work, "h"),
      ],
    ],
  ])("2 for a usage error: %s", async (_what, args) => {
    const run = await inProcess(...args);
    expect(run.code, run.stderr).toBe(2);
    if (args.length > 0 && !args.includes("--help")) oneErrorLine(run);
  });

  it("1 for a failure: a journal that does not exist, a command file that is not there", async () => {
    const report = await inProcess("report", "--config", "illustrative", "--journal", nowhere);
    expect(report.code).toBe(1);
    oneErrorLine(report);
    const imported = await inProcess(
      "import",
      "--config",
      "illustrative",
      "--journal",
      join(work, "j"),
      join(work, "none.ndjson"),
    );
    expect(imported.code).toBe(1);
    oneErrorLine(imported);
  });
});
