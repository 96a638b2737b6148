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
import { publishedScenario } from "@insieme/scenarios";
import {
  axeViolations,
  chartTables,
  expectedTable,
  focusedElement,
  launchChromium,
  pageWidth,
  showsFocus,
} from "@insieme/testing";
import * as E from "fp-ts/lib/Either.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildReport,
  canonicalJson,
  chartedTables,
  journalHashOf,
  type Report,
  renderReportHtml,
  replayStore,
} from "../src/index.js";

/** The published scenario's report: a stepping clock gives the same events, hash and screenshot on every run. */
const publishedReport = async (): Promise<Report> => {
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
  return buildReport(
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
};

/** The committed screenshots are refreshed on request (UPDATE_SCREENSHOT=1) or when missing. */
const saveScreenshot = (name: string, shot: Buffer): void => {
  const committed = new URL(`../../../docs/img/${name}`, import.meta.url);
  if (process.env.UPDATE_SCREENSHOT === "1" || !existsSync(committed)) {
    mkdirSync(new URL("../../../docs/img/", import.meta.url), { recursive: true });
    writeFileSync(committed, shot);
  }
};

/** The widths the report must read at: a desktop, a 320-px phone, and a 1280-px window zoomed to 200 %. */
const VIEWPORTS = [
  { name: "1100 px", viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 },
  { name: "320 px", viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: "1280 px at 200 %", viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
] as const;

describe("the HTML report in a browser", () => {
  let report: Report;
  let file: string;
  let browser: Browser;

  beforeAll(async () => {
    report = await publishedReport();
    const dir = join(tmpdir(), `insieme-html-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    file = join(dir, "report.html");
    writeFileSync(file, renderReportHtml(report));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the report in a new context (an English browser: the page must still speak Italian). */
  const open = async (
    options: (typeof VIEWPORTS)[number],
  ): Promise<{ context: BrowserContext; tab: Page; problems: string[]; requests: string[] }> => {
    const context = await browser.newContext({
      viewport: options.viewport,
      deviceScaleFactor: options.deviceScaleFactor,
      locale: "en-US",
    });
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
    await tab.goto(`file://${file}`);
    return { context, tab, problems, requests };
  };

  it("opens offline in chromium with every chart drawn and no console error", async () => {
    const { context, tab, problems, requests } = await open(VIEWPORTS[0]);
    try {
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
      expect(await tab.locator("h1").textContent()).toContain("I numeri");
      const shot = await tab.screenshot({ clip: { x: 0, y: 0, width: 1100, height: 2600 } });
      expect(shot.length).toBeGreaterThan(10_000);
      saveScreenshot("report.png", shot);
    } finally {
      await context.close();
    }
  });

  for (const options of VIEWPORTS) {
    it(`has no WCAG 2.1 AA violation for axe-core and does not scroll sideways at ${options.name}`, async () => {
      const { context, tab } = await open(options);
      try {
        expect(await axeViolations(tab)).toEqual([]);
        const width = await pageWidth(tab);
        expect(width.viewport).toBe(options.viewport.width);
        expect(width.content).toBeLessThanOrEqual(width.viewport);
        // Every chart fits the page: none is wider than the viewport (the right-hand axis stays visible).
        const widest = (await tab.evaluate(
          `Math.max(...[...document.querySelectorAll("canvas")].map((c) => c.getBoundingClientRect().right))`,
        )) as number;
        expect(widest).toBeLessThanOrEqual(options.viewport.width);
        if (options.viewport.width === 320) {
          saveScreenshot(
            "report-320.png",
            await tab.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 320, height: 2600 } }),
          );
        }
      } finally {
        await context.close();
      }
    });
  }

  it("puts next to every chart a table with the JSON report's figures, suppressed cells as n.d.", async () => {
    const { context, tab } = await open(VIEWPORTS[1]);
    try {
      const shown = await chartTables(tab);
      const charted = chartedTables(report);
      expect(shown.length).toBe(charted.length);
      for (const [i, { statistic, table }] of charted.entries()) {
        const expected = report.statistics[statistic]?.tables[table];
        if (expected === undefined) throw new Error(`no table ${statistic}:${table}`);
        expect(shown[i]?.role).toBe("img");
        expect(shown[i]?.label).toContain(expected.title);
        expect(shown[i]?.table, `table of canvas ${i}`).toEqual(expectedTable(expected));
      }
      // The published scenario has suppressed counts: each reads "n.d." and its table says what that means.
      const suppressed = (await tab.evaluate(`[...document.querySelectorAll("td")]
        .filter((td) => td.textContent === "n.d.")
        .map((td) => {
          const table = td.closest("table");
          const note = document.getElementById(table.getAttribute("aria-describedby") ?? "");
          return note?.textContent ?? "";
        })`)) as string[];
      expect(suppressed.length).toBeGreaterThan(0);
      for (const note of suppressed) expect(note).toContain("n.d. = dato non diffuso");
      expect(await tab.evaluate(`document.querySelector("main").innerText.includes("*")`)).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("formats axes and tooltips in Italian on an English browser", async () => {
    const { context, tab } = await open(VIEWPORTS[0]);
    try {
      const ticks = (await tab.evaluate(`[...document.querySelectorAll("canvas")].flatMap((canvas) => {
        const chart = Chart.getChart(canvas);
        return Object.values(chart.scales)
          .filter((scale) => scale.type === "linear")
          .flatMap((scale) => scale.ticks.map((t) => ({ value: t.value, label: t.label })));
      })`)) as { value: number; label: string }[];
      const italian = new Intl.NumberFormat("it-IT");
      expect(ticks.length).toBeGreaterThan(20);
      for (const t of ticks) expect(t.label).toBe(italian.format(t.value));
      // Some axis reaches the thousands: "1.000", never "1,000".
      expect(ticks.some((t) => t.value >= 1000)).toBe(true);
      // The tooltip of the trend's running total at its last month.
      const tooltip = (await tab.evaluate(`(() => {
        const chart = Chart.getChart(document.querySelector("canvas"));
        const dataset = chart.data.datasets.length - 1;
        const index = chart.data.labels.length - 1;
        const point = chart.getDatasetMeta(dataset).data[index];
        chart.tooltip.setActiveElements([{ datasetIndex: dataset, index }], { x: point.x, y: point.y });
        chart.update();
        return { lines: chart.tooltip.body.flatMap((b) => b.lines), value: chart.data.datasets[dataset].data[index] };
      })()`)) as { lines: string[]; value: number };
      expect(tooltip.value).toBeGreaterThanOrEqual(1000);
      expect(tooltip.lines).toEqual([`Cumulato: ${italian.format(tooltip.value)}`]);
    } finally {
      await context.close();
    }
  });

  it("is usable by keyboard with a visible focus: a skip link, then the tables' scrolling wrappers", async () => {
    const { context, tab } = await open(VIEWPORTS[1]);
    try {
      await tab.keyboard.press("Tab");
      const skip = await focusedElement(tab);
      expect(skip.tag).toBe("a");
      expect(showsFocus(skip)).toBe(true);
      await tab.keyboard.press("Enter");
      await tab.keyboard.press("Tab");
      const wrapper = (await tab.evaluate(`document.activeElement.className`)) as string;
      expect(wrapper).toBe("table-wrap");
      expect(showsFocus(await focusedElement(tab))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
