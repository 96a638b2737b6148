import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import { JOURNAL_FILE } from "@insieme/journal";
import type { Report } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { auditJournal, describeAudit } from "../src/audit.js";
import { readPublishedReport } from "../src/published-report.js";
import { publish, RELEASE, record, type Workspace, workspace, writeJson } from "./support.js";

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const read = async (path: string): Promise<Report> => {
  const report = await readPublishedReport(path);
  if (E.isLeft(report)) throw new Error(report.left.message);
  return report.right;
};

describe("the audit", () => {
  it("finds that the journal reproduces its published report", async () => {
    ws = await workspace();
    await record(ws.journal, [1, 2, 3, 4], [1, 2, 3]);
    const published = join(ws.dir, "published.json");
    await publish(ws.journal, published);
    const result = await auditJournal(ws.journal, await read(published), ILLUSTRATIVE_CONFIGURATION);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ["library version", true],
      ["journal", true],
      ["replay", true],
      ["journal hash", true],
      ["content", true],
    ]);
    expect(result.verdict).toBe("match");
    expect(describeAudit(result)).toContain("VERDICT: MATCH");
  });

  it("still matches a report published before the journal grew, and one cut by period and as-of", async () => {
    ws = await workspace();
    await record(ws.journal, [1, 2, 3], []);
    const before = join(ws.dir, "before.json");
    await publish(ws.journal, before);
    const period = join(ws.dir, "period.json");
    await publish(ws.journal, period, [...RELEASE, "--min-cell", "4"]);
    // Recorded after the release instant of 2018-Q1: the release does not change.
    await record(ws.journal, [5, 6], [1, 2, 3, 4], "2018-05-01T08:00:00Z");
    const asOf = join(ws.dir, "as-of.json");
    // A raw report cut inside the history (any as-of, for staff): only the events recorded by then.
    const cut = (await publish(ws.journal, asOf, [
      "--raw",
      "--from",
      "2018-01-01",
      "--to",
      "2018-01-12",
      "--as-of",
      "2018-05-01T08:00:01Z",
    ])) as Report;
    expect(cut.provenance.eventsReplayed).toBeGreaterThan(0);
    expect(cut.provenance.eventsReplayed).toBeLessThan(13);

    const grown = await auditJournal(ws.journal, await read(before), ILLUSTRATIVE_CONFIGURATION);
    expect(grown.verdict).toBe("match");
    expect(grown.checks.find((c) => c.name === "journal hash")?.detail).toContain(
      "has grown since the report",
    );
    expect((await auditJournal(ws.journal, await read(period), ILLUSTRATIVE_CONFIGURATION)).verdict).toBe(
      "match",
    );
    expect((await auditJournal(ws.journal, await read(asOf), ILLUSTRATIVE_CONFIGURATION)).verdict).toBe(
      "match",
    );
  });

  it("detects a tampered journal and names the record", async () => {
    ws = await workspace();
    await record(ws.journal, [1, 2, 3], [1, 2, 3]);
    const published = join(ws.dir, "published.json");
    await publish(ws.journal, published);
    const file = join(ws.journal, JOURNAL_FILE);
    const text = await readFile(file, "utf8");
    expect(text).toContain('"channel":"legacoop"');
    // Someone moves a company from Legacoop to the Board's direct channel after publication.
    await writeFile(file, text.replace('"channel":"legacoop"', '"channel":"direct"'));

    const result = await auditJournal(ws.journal, await read(published), ILLUSTRATIVE_CONFIGURATION);
    expect(result.verdict).toBe("mismatch");
    const journal = result.checks.find((c) => c.name === "journal");
    expect(journal?.ok).toBe(false);
    expect(journal?.detail).toMatch(/position 0 \(line 2, byte \d+\)/);
    expect(describeAudit(result)).toContain("VERDICT: MISMATCH — journal");
  });

  it("detects a published report whose numbers or library version differ from the replay", async () => {
    ws = await workspace();
    await record(ws.journal, [1, 2, 3, 4], [1, 2, 3]);
    const published = join(ws.dir, "published.json");
    const report = (await publish(ws.journal, published)) as Report;

    const companies = report.statistics.find((s) => s.id === "companies");
    const board = companies?.tables[0]?.rows.find((r) => r.label === "Board");
    expect(board?.cells[0]).toBe(2);
    if (board !== undefined) board.cells[0] = 3;
    const edited = join(ws.dir, "edited.json");
    await writeJson(edited, report);
    const changed = await auditJournal(ws.journal, await read(edited), ILLUSTRATIVE_CONFIGURATION);
    expect(changed.verdict).toBe("mismatch");
    expect(changed.checks.find((c) => c.name === "content")).toMatchObject({
      ok: false,
      detail: "differs from the replay: companies",
    });

    const other = {
      ...report,
      provenance: { ...report.provenance, library: { name: "@insieme/statistics", version: "0.0.9" } },
    };
    const older = join(ws.dir, "older.json");
    await writeJson(older, other);
    const versioned = await auditJournal(ws.journal, await read(older), ILLUSTRATIVE_CONFIGURATION);
    expect(versioned.verdict).toBe("mismatch");
    expect(versioned.checks[0]).toMatchObject({ name: "library version", ok: false });
  });

  it("detects a report that cites more events than the journal holds", async () => {
    ws = await workspace();
    await record(ws.journal, [1, 2, 3], []);
    const published = join(ws.dir, "published.json");
    const report = (await publish(ws.journal, published)) as Report;
    const inflated = { ...report, provenance: { ...report.provenance, eventsReplayed: 4, lastPosition: 3 } };
    await writeJson(published, inflated);
    const result = await auditJournal(ws.journal, await read(published), ILLUSTRATIVE_CONFIGURATION);
    expect(result.verdict).toBe("mismatch");
    expect(result.checks.find((c) => c.name === "replay")?.ok).toBe(false);
  });

  it("refuses a file that is not a report, naming the field", async () => {
    ws = await workspace();
    const path = join(ws.dir, "not-a-report.json");
    await writeJson(path, { format: "insieme-report/1", title: 42 });
    const read = await readPublishedReport(path);
    expect(E.isLeft(read) && read.left.message).toMatch(/not an Insieme report: title: /);
  });
});
