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
const apply = (n: number, day: string, profile: Record<string, unknown> = {}) => ({
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
    ...profile,
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
      corrections: 1,
      lateRecords: 0,
      newRecords: 0,
      erasures: 0,
    });
    // A birth year's correction changes no value of the trend of applications: not behind its changes.
    const trend = changes.statistics.find((s) => s.id === "applicationsTrend");
    expect(trend?.corrections).toBe(0);
    expect(trend?.lateRecords).toBe(1);
    expect(changes.statistics.find((s) => s.id === "territory")).toMatchObject({
      changes: [],
      corrections: 0,
      lateRecords: 0,
      newRecords: 0,
    });
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

  it("a report --as-of the moment an earlier report was made is that report, byte for byte, after a correction and a late record", async () => {
    const { folder, journal } = await journalOfMarch();
    const raw = ["report", "--config", "illustrative", "--journal", journal, "--raw", "--format", "json"];
    // The report an office makes as of now, "now" being the last record's recordedAt (all the journal holds).
    const lines = (await readFile(join(journal, "journal.ndjson"), "utf8")).trim().split("\n");
    const madeAt = (JSON.parse(lines[lines.length - 1] ?? "{}") as { recordedAt: string }).recordedAt;
    const then = join(folder, "then.json");
    expect((await inProcess(...raw, "--as-of", madeAt, "--out", then)).code).toBe(0);
    const later = join(folder, "later.ndjson");
    await writeFile(
      later,
      ndjson([
        {
          commandId: "fix-1",
          type: "CorrectFact",
          actor: operator,
          data: {
            stream: "candidate-cand-2",
            revision: 0,
            action: "amend",
            fields: { birthYear: 1999 },
            reason: "typing_error",
          },
        },
        apply(9, "2018-02-27"),
      ]),
    );
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, later)).code).toBe(0);
    const now = join(folder, "now.json");
    const asOf = join(folder, "as-of.json");
    expect((await inProcess(...raw, "--out", now)).code).toBe(0);
    expect((await inProcess(...raw, "--as-of", madeAt, "--out", asOf)).code).toBe(0);
    const bytesThen = await readFile(then, "utf8");
    expect(await readFile(asOf, "utf8")).toBe(bytesThen);
    expect(await readFile(now, "utf8")).not.toBe(bytesThen);
    const cited = (JSON.parse(bytesThen) as { provenance: { journalHash: { kind: string } } }).provenance
      .journalHash;
    expect(cited.kind).toBe("chain-head");
  });

  it("names per cell the records behind its change: a correction, a late record and a new record each change their own cells", async () => {
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
    // Later: the referrer of a March application corrected; a February application (before the earlier report's
    // cut) recorded late, with a tertiary degree; an application dated after the cut (a new record), by a man.
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
            fields: { referrer: "social_services" },
            reason: "typing_error",
          },
        },
        apply(5, "2018-02-20", { educationLevel: "tertiary" }),
        apply(6, "2099-01-15", { gender: "male" }),
      ]),
    );
    const imported = await inProcess("import", "--config", "illustrative", "--journal", journal, second);
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(folder, "changes.json");
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
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    type Change = { table: string; row: string; column: string; old: unknown; new: unknown } & Record<
      string,
      unknown
    >;
    const changes = JSON.parse(await readFile(out, "utf8")) as {
      statistics: { id: string; changes: Change[] }[];
    };
    const cell = (id: string, table: string, row: string, column: string) =>
      changes.statistics
        .find((s) => s.id === id)
        ?.changes.find((c) => c.table === table && c.row === row && c.column === column);
    const only = (kind: "corrections" | "lateRecords" | "newRecords") => ({
      corrections: kind === "corrections" ? 1 : 0,
      lateRecords: kind === "lateRecords" ? 1 : 0,
      newRecords: kind === "newRecords" ? 1 : 0,
      erasures: 0,
    });
    // The correction moves one application from "self" to "social_services" (desk): the new cell names it only;
    // "self" lost it and gained the two other applications, so it names all three.
    expect(cell("referrers", "byReferrer", "self", "desk")).toEqual({
      table: "byReferrer",
      row: "self",
      column: "desk",
      old: 4,
      new: 5,
      corrections: 1,
      lateRecords: 1,
      newRecords: 1,
      erasures: 0,
    });
    expect(cell("referrers", "byReferrer", "social_services", "desk")).toMatchObject({
      old: 0,
      new: 1,
      ...only("corrections"),
    });
    // The late February application: its degree and its month name it only.
    expect(cell("applicantsProfile", "education", "tertiary", "applicants")).toMatchObject({
      old: 0,
      new: 1,
      ...only("lateRecords"),
    });
    expect(cell("applicationsTrend", "byMonth", "2018-02", "applications")).toMatchObject({
      old: null,
      new: 1,
      ...only("lateRecords"),
    });
    // The new application: its gender names it only.
    expect(cell("applicantsProfile", "gender", "male", "applicants")).toMatchObject({
      old: 0,
      new: 1,
      ...only("newRecords"),
    });
    expect(cell("applicantsProfile", "gender", "female", "applicants")).toMatchObject({
      old: 4,
      new: 5,
      ...only("lateRecords"),
    });
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
    expect(await readFile(text, "utf8")).toContain(
      "byReferrer / social_services / desk: 0 → 1 (1 corrections, 0 late records, 0 new records, 0 erasures)",
    );
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
