import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createInsieme,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  importCommands,
} from "@insieme/domain";
import { InMemoryEventStore, sequentialIds, steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  buildReport,
  canonicalJson,
  chartedTables,
  journalHashOf,
  publishedScenario,
  renderReportHtml,
  replayStore,
} from "../src/index.js";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe("the HTML report in a browser", () => {
  it("opens offline in chromium with every chart drawn and no console error", async () => {
    // A stepping clock: the same events, hash and screenshot on every run.
    const store = new InMemoryEventStore(steppingClock("2018-06-01T00:00:00Z"));
    const insieme = createInsieme({
      configuration: ILLUSTRATIVE_CONFIGURATION,
      store,
      ids: sequentialIds("ev"),
      personKey: new Uint8Array(32).fill(5),
      vault: new InMemoryPersonalDataVault(),
    });
    const imported = await importCommands(
      [...publishedScenario()].map((c) => canonicalJson(c)),
      insieme,
    );
    expect(imported.rejected).toBe(0);
    const replayed = await replayStore(store);
    if (E.isLeft(replayed)) throw new Error(replayed.left.message);
    const { replay, eventsHash } = replayed.right;
    const report = buildReport(
      replay.snapshot(),
      {
        store: { kind: "memory", location: "published scenario" },
        lastPosition: replay.lastPosition,
        eventsReplayed: replay.eventsApplied,
        journalHash: journalHashOf(null, eventsHash),
      },
      {
        window: { from: null, to: null, asOf: null },
        disclosure: { mode: "published", minCell: 3 },
        configuration: ILLUSTRATIVE_CONFIGURATION,
      },
    );
    const dir = join(tmpdir(), `insieme-html-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const page = join(dir, "report.html");
    writeFileSync(page, renderReportHtml(report));

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const tab = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      tab.on("pageerror", (e) => problems.push(e.message));
      tab.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      await tab.goto(`file://${page}`);
      // Runs in the page (a string: this package is not compiled against the DOM's types).
      const drawn = (await tab.evaluate(`[...document.querySelectorAll("canvas")].map((canvas) => {
        const ctx = canvas.getContext("2d");
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
        return { chart: Chart.getChart(canvas) !== undefined, inked };
      })`)) as { chart: boolean; inked: number }[];
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(drawn.length).toBe(chartedTables(report).length);
      expect(drawn.length).toBeGreaterThanOrEqual(11);
      for (const [i, c] of drawn.entries()) {
        expect(c.chart, `canvas ${i} has a chart`).toBe(true);
        expect(c.inked, `canvas ${i} is drawn`).toBeGreaterThan(500);
      }
      const title = await tab.locator("h1").textContent();
      expect(title).toContain("I numeri");
      const shot = await tab.screenshot({ clip: { x: 0, y: 0, width: 1100, height: 2600 } });
      expect(shot.length).toBeGreaterThan(10_000);
      // The committed screenshot is refreshed on request (sealed personal data, hence the hash, differ per run).
      const committed = new URL("../../../docs/img/report.png", import.meta.url);
      if (process.env.UPDATE_SCREENSHOT === "1" || !existsSync(committed)) {
        mkdirSync(new URL("../../../docs/img/", import.meta.url), { recursive: true });
        writeFileSync(committed, shot);
      }
    } finally {
      await browser.close();
    }
  });
});
