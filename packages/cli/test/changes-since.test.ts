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

/** An operator's CorrectFact `fix-n` amending revision 0 of `stream` with `fields` (a typing error). */
const correction = (n: number, stream: string, fields: Record<string, unknown>, occurredAt?: string) => ({
  commandId: `fix-${n}`,
  type: "CorrectFact",
  ...(occurredAt === undefined ? {} : { occurredAt }),
  actor: operator,
  data: { stream, revision: 0, action: "amend", fields, reason: "typing_error" },
});

/** Runs `insieme report` with the illustrative configuration on `journal`, then `extra`. */
const report = (journal: string, ...extra: string[]) =>
  inProcess("report", "--config", "illustrative", "--journal", journal, ...extra);

/** Writes `lines` as NDJSON to `file` and imports it into `journal` with the illustrative configuration. */
const importLines = async (journal: string, file: string, lines: readonly object[]) => {
  await writeFile(file, ndjson(lines));
  return inProcess("import", "--config", "illustrative", "--journal", journal, file);
};

/** A journal holding four applications of 1 March 2018, in a fresh temporary folder (removed after the test). */
const journalOfMarch = async (): Promise<{ folder: string; journal: string }> => {
  const folder = await mkdtemp(join(tmpdir(), "insieme-changes-"));
  dir = folder;
  const journal = join(folder, "journal");
  const first = join(folder, "first.ndjson");
  const imported = await importLines(
    journal,
    first,
    [1, 2, 3, 4].map((n) => apply(n, "2018-03-01")),
  );
  expect(imported.code).toBe(0);
  return { folder, journal };
};

/** The journal of March and, as `earlier`, the raw JSON report made from it then. */
const marchReported = async (): Promise<{ folder: string; journal: string; earlier: string }> => {
  const { folder, journal } = await journalOfMarch();
  const earlier = join(folder, "march.json");
  const made = await report(journal, "--raw", "--format", "json", "--out", earlier);
  expect(made.code, made.stderr).toBe(0);
  return { folder, journal, earlier };
};

describe("insieme report --changes-since", () => {
  it("lists per statistic and value old → new, with the corrections and late records behind the changes", async () => {
    const { folder, journal, earlier } = await marchReported();
    // Later: a birth year corrected, and an application of February recorded late.
    const second = join(folder, "second.ndjson");
    const imported = await importLines(journal, second, [
      correction(1, "candidate-cand-1", { birthYear: 1996 }, "2018-04-02T09:00:00Z"),
      apply(5, "2018-02-20"),
    ]);
    expect(imported.code).toBe(0);
    const run = await report(
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
    await report(journal, "--changes-since", earlier, "--out", text);
    expect(await readFile(text, "utf8")).toMatch(
      /applicantsProfile: \d+ values changed; behind them: 1 corrections, 1 late records/,
    );
    expect(JSON.parse(await readFile(earlier, "utf8")).format).toBe("insieme-report/1");
  });

  it("a report --as-of the moment an earlier report was made is that report, byte for byte, after a correction and a late record", async () => {
    const { folder, journal } = await journalOfMarch();
    const raw = (...extra: string[]) => report(journal, "--raw", "--format", "json", ...extra);
    // The report an office makes as of now, "now" being the last record's recordedAt (all the journal holds).
    const lines = (await readFile(join(journal, "journal.ndjson"), "utf8")).trim().split("\n");
    const madeAt = (JSON.parse(lines[lines.length - 1] ?? "{}") as { recordedAt: string }).recordedAt;
    const then = join(folder, "then.json");
    expect((await raw("--as-of", madeAt, "--out", then)).code).toBe(0);
    const later = join(folder, "later.ndjson");
    const imported = await importLines(journal, later, [
      correction(1, "candidate-cand-2", { birthYear: 1999 }),
      apply(9, "2018-02-27"),
    ]);
    expect(imported.code).toBe(0);
    const now = join(folder, "now.json");
    const asOf = join(folder, "as-of.json");
    expect((await raw("--out", now)).code).toBe(0);
    expect((await raw("--as-of", madeAt, "--out", asOf)).code).toBe(0);
    const bytesThen = await readFile(then, "utf8");
    expect(await readFile(asOf, "utf8")).toBe(bytesThen);
    expect(await readFile(now, "utf8")).not.toBe(bytesThen);
    const cited = (JSON.parse(bytesThen) as { provenance: { journalHash: { kind: string } } }).provenance
      .journalHash;
    expect(cited.kind).toBe("chain-head");
  });

  it("names per cell the records behind its change: a correction, a late record and a new record each change their own cells", async () => {
    const { folder, journal, earlier } = await marchReported();
    // Later: the referrer of a March application corrected; a February application (before the earlier report's
    // cut) recorded late, with a tertiary degree; an application dated after the cut (a new record), by a man.
    const second = join(folder, "second.ndjson");
    const imported = await importLines(journal, second, [
      correction(1, "candidate-cand-1", { referrer: "social_services" }, "2018-04-02T09:00:00Z"),
      apply(5, "2018-02-20", { educationLevel: "tertiary" }),
      apply(6, "2099-01-15", { gender: "male" }),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(folder, "changes.json");
    const run = await report(journal, "--changes-since", earlier, "--format", "json", "--out", out);
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
    /** A cell's change old → now, with one record of `kind` behind it and none of the others. */
    const changed = (
      old: number | null,
      now: number,
      kind: "corrections" | "lateRecords" | "newRecords",
    ) => ({
      old,
      new: now,
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
    expect(cell("referrers", "byReferrer", "social_services", "desk")).toMatchObject(
      changed(0, 1, "corrections"),
    );
    // The late February application: its degree and its month name it only.
    expect(cell("applicantsProfile", "education", "tertiary", "applicants")).toMatchObject(
      changed(0, 1, "lateRecords"),
    );
    expect(cell("applicationsTrend", "byMonth", "2018-02", "applications")).toMatchObject(
      changed(null, 1, "lateRecords"),
    );
    // The new application: its gender names it only.
    expect(cell("applicantsProfile", "gender", "male", "applicants")).toMatchObject(
      changed(0, 1, "newRecords"),
    );
    expect(cell("applicantsProfile", "gender", "female", "applicants")).toMatchObject(
      changed(4, 5, "lateRecords"),
    );
    const text = join(folder, "changes.txt");
    await report(journal, "--changes-since", earlier, "--out", text);
    expect(await readFile(text, "utf8")).toContain(
      "byReferrer / social_services / desk: 0 → 1 (1 corrections, 0 late records, 0 new records, 0 erasures)",
    );
  });

  it("refuses to restate a published release: changes are listed between raw reports only", async () => {
    const { folder, journal } = await journalOfMarch();
    const published = join(folder, "2018-Q1.json");
    const release = await report(journal, "--release", "2018-Q1", "--format", "json", "--out", published);
    expect(release.code, release.stderr).toBe(0);
    // An attacker records one more application of March, then asks for the release's changes: the answer would
    // be the difference of two suppressed tables of the same period, a count below the threshold.
    const second = join(folder, "second.ndjson");
    expect((await importLines(journal, second, [apply(5, "2018-03-02")])).code).toBe(0);
    const out = join(folder, "changes.json");
    const run = await report(journal, "--changes-since", published, "--format", "json", "--out", out);
    expect(run.code).toBe(2);
    oneErrorLine(run);
    expect(run.stderr).toMatch(/a published report is a release and is never restated; compare a raw report/);
    await expect(readFile(out, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("refuses a file that is not a report, and options that would change the comparison", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-changes-"));
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ format: "something-else" }));
    const run = await report(join(dir, "j"), "--changes-since", bad);
    expect(run.code).toBe(2);
    oneErrorLine(run);
    expect(run.stderr).toMatch(/--changes-since .*bad\.json: not an insieme JSON report: format/);
    const withRaw = await report(join(dir, "j"), "--changes-since", bad, "--raw");
    expect(withRaw.code).toBe(2);
  });
});
