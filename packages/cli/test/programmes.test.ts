import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson } from "@insieme/statistics";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { inProcess, oneErrorLine } from "./run-cli.js";

const work = mkdtempSync(join(tmpdir(), "insieme-cli-programmes-"));
const alphaFile = join(work, "alpha.ndjson");
const betaFile = join(work, "beta.ndjson");
const saved = process.env.INSIEME_PROGRAMME;

beforeAll(() => {
  const write = (file: string, seed: number, candidates: number) =>
    writeFileSync(
      file,
      `${[...syntheticProgramme({ seed, candidates, applicationsPerMonth: 6 })].map((c) => canonicalJson(c)).join("\n")}\n`,
    );
  write(alphaFile, 5, 6);
  write(betaFile, 9, 10);
});

afterEach(() => {
  if (saved === undefined) delete process.env.INSIEME_PROGRAMME;
  else process.env.INSIEME_PROGRAMME = saved;
});

const ok = async (...args: string[]) => {
  const run = await inProcess(...args);
  expect(run.code, run.stderr).toBe(0);
  return run;
};

let reports = 0;
/** `insieme report --format json --raw` into a file; its text. */
const report = async (...args: string[]): Promise<{ stdout: string }> => {
  const out = join(work, `report-${++reports}.json`);
  await ok("report", "--config", "illustrative", "--format", "json", "--raw", "--out", out, ...args);
  return { stdout: readFileSync(out, "utf8") };
};

/** A report's statistics, without the provenance (which names the journal and its programme). */
const statistics = (json: string): unknown => {
  const { provenance: _provenance, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
};

const historyLines = (file: string): { streamId: string; revision: number }[] =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => JSON.parse(line) as { streamId: string; revision: number });

describe("two programmes in one journal (--programme, INSIEME_PROGRAMME)", () => {
  it("each sees only its own events and statistics, equal to its journal alone", async () => {
    const shared = join(work, "shared");
    await ok("import", "--config", "illustrative", "--journal", shared, "--programme", "alpha", alphaFile);
    await ok("import", "--config", "illustrative", "--journal", shared, "--programme", "beta", betaFile);
    for (const [name, file] of [
      ["alpha", alphaFile],
      ["beta", betaFile],
    ] as const) {
      const alone = join(work, `${name}-alone`);
      await ok("import", "--config", "illustrative", "--journal", alone, file);
      const mine = await report("--journal", shared, "--programme", name);
      const reference = await report("--journal", alone);
      expect(statistics(mine.stdout)).toEqual(statistics(reference.stdout));
      expect(JSON.parse(mine.stdout).provenance.store.location).toBe(`${shared}#${name}`);

      // The export of one programme holds its events only, under the names it wrote.
      await ok("export", "--journal", shared, "--programme", name, "--out", join(work, `${name}.history`));
      await ok("export", "--journal", alone, "--out", join(work, `${name}-alone.history`));
      const exported = historyLines(join(work, `${name}.history`));
      // The same events (an import pipelines commands of different streams, so the order across streams may differ).
      // Person streams are named by the keyed hash of each journal's own key, index entries by each journal's own
      // person ids: compared by count.
      const key = (e: { streamId: string; revision: number }) =>
        `${e.streamId.replace(/^person-[0-9a-f]{64}$/, "person").replace(/^personid-.+$/, "personid")}#${e.revision}`;
      expect(exported.map(key).sort()).toEqual(
        historyLines(join(work, `${name}-alone.history`))
          .map(key)
          .sort(),
      );
      expect(exported.some((e) => e.streamId.includes("/"))).toBe(false);
    }
    // The two programmes' statistics differ (they are not both the whole journal).
    const alpha = await report("--journal", shared, "--programme", "alpha");
    process.env.INSIEME_PROGRAMME = "beta";
    const beta = await report("--journal", shared);
    expect(statistics(alpha.stdout)).not.toEqual(statistics(beta.stdout));
    expect(JSON.parse(beta.stdout).provenance.store.location).toBe(`${shared}#beta`);
  });

  it("refuses a programme name that is not a namespace, naming where it came from", async () => {
    const bad = await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      join(work, "shared"),
      "--programme",
      "../other",
    );
    expect(bad.code).toBe(2);
    oneErrorLine(bad);
    expect(bad.stderr).toContain("--programme");
    process.env.INSIEME_PROGRAMME = "Bad Name";
    const fromEnv = await inProcess("report", "--config", "illustrative", "--journal", join(work, "shared"));
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain("INSIEME_PROGRAMME");
  });
});
