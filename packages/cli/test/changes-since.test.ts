import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codiceFiscaleCheckChar } from "@insieme/domain";
import { afterEach, describe, expect, it } from "vitest";
import { inProcess, oneErrorLine } from "./run-cli.js";

const operator = { id: "op-1", role: "operator" } as const;
const cf = (n: number): string => {
  const first15 = `VRDLGU80A01A${String(100 + n).padStart(3, "0")}`;
  return first15 + codiceFiscaleCheckChar(first15);
};
const apply = (n: number, day: string) => ({
  commandId: `apply-${n}`,
  type: "SubmitApplication",
  occurredAt: `${day}T09:00:00Z`,
  actor: operator,
  data: {
    candidateId: `cand-${n}`,
    channel: "desk",
    referrer: "self",
    birthYear: 1980,
    gender: "female",
    educationLevel: "upper_secondary",
    citizenship: "italian",
    residence: { municipalityIstat: "037006", quartiere: "navile" },
    unemploymentDuration: "over_24_months",
    economicCondition: "isee_6k_12k",
    personal: {
      codiceFiscale: cf(n),
      givenName: "Luigi",
      familyName: `Verdi ${n}`,
      email: null,
      phone: null,
    },
  },
});

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const ndjson = (lines: readonly object[]) => `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;

/** A journal holding four applications of 1 March 2018, in a fresh temporary folder (removed after the test). */
const journalOfMarch = async (): Promise<{ folder: string; journal: string }> => {
  const folder = await mkdtemp(join(tmpdir(), "insieme-changes-"));
  dir = folder;
  const journal = join(folder, "journal");
  const first = join(folder, "first.ndjson");
  await writeFile(first, ndjson([1, 2, 3, 4].map((n) => apply(n, "2018-03-01"))));
  expect((await inProcess("import", "--config", "illustrative", "--journal", journal, first)).code).toBe(0);
  return { folder, journal };
};

describe("insieme report --changes-since", () => {
  it("lists per statistic and value old → new, with the corrections and late records behind the changes", async () => {
    const { folder, journal } = await journalOfMarch();
    const earlier = join(folder, "march.json");
    const made = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--raw",
      "--format",
      "json",
      "--out",
      earlier,
    );
    expect(made.code, made.stderr).toBe(0);
    // Later: a birth year corrected, and an application of February recorded late.
    const second = join(folder, "second.ndjson");
    await writeFile(
      second,
      ndjson([
        {
          commandId: "fix-1",
          type: "CorrectFact",
          occurredAt: "2018-04-02T09:00:00Z",
          actor: operator,
          data: {
            stream: "candidate-cand-1",
            revision: 0,
            action: "amend",
            fields: { birthYear: 1996 },
            reason: "typing_error",
          },
        },
        apply(5, "2018-02-20"),
      ]),
    );
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, second)).code).toBe(
      0,
    );
    const run = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--changes-since",
      earlier,
      "--format",
      "json",
      "--out",
      join(folder, "changes.json"),
    );
    expect(run.code, run.stderr).toBe(0);
    const changes = JSON.parse(await readFile(join(folder, "changes.json"), "utf8")) as {
      statistics: {
        id: string;
        corrections: number;
        lateRecords: number;
        erasures: number;
        changes: { table: string; row: string; column: string; old: unknown; new: unknown }[];
      }[];
    };
    const profile = changes.statistics.find((s) => s.id === "applicantsProfile");
    expect(profile?.corrections).toBe(1);
    expect(profile?.lateRecords).toBe(1);
    expect(profile?.erasures).toBe(0);
    expect(profile?.changes).toContainEqual({
      table: "ageBand",
      row: "18_24",
      column: "applicants",
      old: 0,
      new: 1,
    });
    const trend = changes.statistics.find((s) => s.id === "applicationsTrend");
    expect(trend?.corrections).toBe(1);
    expect(trend?.lateRecords).toBe(1);
    const text = join(folder, "changes.txt");
    await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--changes-since",
      earlier,
      "--out",
      text,
    );
    expect(await readFile(text, "utf8")).toMatch(
      /applicantsProfile: \d+ values changed; behind them: 1 corrections, 1 late records/,
    );
    expect(JSON.parse(await readFile(earlier, "utf8")).format).toBe("insieme-report/1");
  });

  it("refuses to restate a published release: changes are listed between raw reports only", async () => {
    const { folder, journal } = await journalOfMarch();
    const published = join(folder, "2018-Q1.json");
    const release = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--release",
      "2018-Q1",
      "--format",
      "json",
      "--out",
      published,
    );
    expect(release.code, release.stderr).toBe(0);
    // An attacker records one more application of March, then asks for the release's changes: the answer would
    // be the difference of two suppressed tables of the same period, a count below the threshold.
    const second = join(folder, "second.ndjson");
    await writeFile(second, ndjson([apply(5, "2018-03-02")]));
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, second)).code).toBe(
      0,
    );
    const out = join(folder, "changes.json");
    const run = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--changes-since",
      published,
      "--format",
      "json",
      "--out",
      out,
    );
    expect(run.code).toBe(2);
    oneErrorLine(run);
    expect(run.stderr).toMatch(/a published report is a release and is never restated; compare a raw report/);
    await expect(readFile(out, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("refuses a file that is not a report, and options that would change the comparison", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-changes-"));
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ format: "something-else" }));
    const run = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      join(dir, "j"),
      "--changes-since",
      bad,
    );
    expect(run.code).toBe(2);
    oneErrorLine(run);
    expect(run.stderr).toMatch(/--changes-since .*bad\.json: not an insieme JSON report: format/);
    const withRaw = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      join(dir, "j"),
      "--changes-since",
      bad,
      "--raw",
    );
    expect(withRaw.code).toBe(2);
  });
});
