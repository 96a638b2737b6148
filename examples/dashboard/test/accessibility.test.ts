import {
  createInsieme,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  importCommands,
} from "@insieme/domain";
import { InMemoryEventStore, manualClock, sequentialIds } from "@insieme/kernel";
import { publishedScenario } from "@insieme/scenarios";
import { canonicalJson, type Report } from "@insieme/statistics";
import {
  axeViolations,
  chartTables,
  expectedTable,
  type FocusedElement,
  focusedElement,
  launchChromium,
  pageWidth,
  showsFocus,
} from "@insieme/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Running, startService } from "../../case-service/test/support/http.js";
import { screenshotPath } from "./support/screenshots.js";

/** The widths the dashboard must read at: a desktop, a 320-px phone, and a 1280-px window zoomed to 200 %. */
const VIEWPORTS = [
  { name: "1280 px", viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
  { name: "320 px", viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: "1280 px at 200 %", viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/**
 * The published scenario in a memory store, recorded along its dates (each command on its own date, in date
 * order), so that its releases hold it: the same events and screenshots on every run.
 */
const publishedStore = async (): Promise<InMemoryEventStore> => {
  const clock = manualClock("2017-01-01T00:00:00Z");
  const store = new InMemoryEventStore(clock);
  const insieme = createInsieme({
    configuration: ILLUSTRATIVE_CONFIGURATION,
    store,
    ids: sequentialIds("ev"),
    personKey: new Uint8Array(32).fill(5),
    vault: new InMemoryPersonalDataVault(),
  });
  const commands = [...publishedScenario()]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.occurredAt ?? "").localeCompare(b.c.occurredAt ?? "") || a.i - b.i);
  const imported = await importCommands(
    (function* () {
      for (const { c } of commands) {
        if (c.occurredAt !== undefined && c.occurredAt > clock.now()) clock.set(c.occurredAt);
        yield canonicalJson(c);
      }
    })(),
    insieme,
  );
  expect(imported.rejected).toBe(0);
  return store;
};

interface Opened {
  readonly context: BrowserContext;
  readonly tab: Page;
  /** Console errors and warnings, page errors, failed requests and answers of 400 or more. */
  readonly problems: string[];
  /** Every answer the page received: status, content type and URL. */
  readonly responses: { status: number; type: string; url: string }[];
}

/** Waits until the page has drawn a report: every table's place holds its chart (drawn by chart.js) or its table. */
const waitForDrawn = async (tab: Page, updates = 1): Promise<void> => {
  await tab.waitForFunction(
    `document.body.dataset.state === "ready" && Number(document.body.dataset.updates) >= ${updates} &&
     [...document.querySelectorAll("[data-holder]")].every((holder) => {
       const canvas = holder.querySelector("canvas");
       return canvas === null ? holder.querySelector("table") !== null : Chart.getChart(canvas) !== undefined;
     })`,
  );
};

/** The dashboard's tables in the page: what a report must show, keyed by the page's id of each table. */
const reportTables = (report: Report) =>
  new Map(
    report.statistics.flatMap((s) => s.tables.map((t) => [`t-${s.id}-${t.key}`, { statistic: s, table: t }])),
  );

describe("the dashboard's accessibility in chromium (WCAG 2.1 AA)", () => {
  let running: Running;
  let browser: Browser;

  beforeAll(async () => {
    // Published on 1 June 2019: the quarters 2017-Q2 to 2019-Q1 are released.
    running = await startService({
      store: await publishedStore(),
      clock: manualClock("2019-06-01T00:00:00Z"),
    });
    // An Italian page's date fields read gg/mm/aaaa, as in a browser set to Italian.
    browser = await launchChromium({ formControlsFollowLang: true });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** Opens the dashboard in a new context (an English browser: the page must still speak Italian). */
  const open = async (options: Viewport): Promise<Opened> => {
    const context = await browser.newContext({
      viewport: options.viewport,
      deviceScaleFactor: options.deviceScaleFactor,
      locale: "en-US",
    });
    const tab = await context.newPage();
    const problems: string[] = [];
    const responses: Opened["responses"] = [];
    tab.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    tab.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    tab.on("response", (r) => {
      responses.push({ status: r.status(), type: r.headers()["content-type"] ?? "", url: r.url() });
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    // Nothing may leave the service's origin: chart.js, the icon and the data come from it.
    await tab.route("**/*", (route) =>
      route.request().url().startsWith(running.url) ? route.continue() : route.abort("blockedbyclient"),
    );
    await tab.goto(`${running.url}/dashboard/`);
    await waitForDrawn(tab);
    await tab.waitForSelector('[data-live="on"]');
    return { context, tab, problems, responses };
  };

  const openAllTables = (tab: Page) =>
    tab.evaluate(`document.querySelectorAll("details.data").forEach((d) => { d.open = true; })`);

  /** Every canvas's right edge, in CSS pixels: none may be cut by the viewport. */
  const canvasRightEdges = (tab: Page): Promise<number[]> =>
    tab.evaluate(
      `[...document.querySelectorAll("canvas")].map((c) => Math.ceil(c.getBoundingClientRect().right))`,
    );

  for (const options of VIEWPORTS) {
    it(`has no axe violation and no sideways scrolling at ${options.name}, tables closed and open`, async () => {
      const { context, tab, problems } = await open(options);
      try {
        const canvases = await tab.locator("canvas").count();
        expect(canvases).toBeGreaterThanOrEqual(15);
        expect(await axeViolations(tab)).toEqual([]);
        const closed = await pageWidth(tab);
        expect(closed.viewport).toBe(options.viewport.width);
        expect(closed.content).toBeLessThanOrEqual(closed.viewport);
        for (const right of await canvasRightEdges(tab)) expect(right).toBeLessThanOrEqual(closed.viewport);

        // Wide tables scroll inside their own wrapper, never the page.
        await openAllTables(tab);
        expect(await axeViolations(tab)).toEqual([]);
        const open = await pageWidth(tab);
        expect(open.content).toBeLessThanOrEqual(open.viewport);
        expect(problems).toEqual([]);

        if (options.viewport.width === 320) {
          // The screenshots show a release that holds applications (the fourth quarter of 2017).
          await tab.evaluate(`document.querySelectorAll("details.data").forEach((d) => { d.open = false; })`);
          await tab.selectOption("#release", "2017-Q4");
          await tab.click('button[type="submit"]');
          await tab.waitForFunction(`JSON.parse(document.body.dataset.window).from === "2017-10-01"`);
          await waitForDrawn(tab, 2);
          expect((await pageWidth(tab)).content).toBeLessThanOrEqual(320);
          await tab.screenshot({
            path: await screenshotPath("dashboard-320.png"),
            fullPage: true,
            clip: { x: 0, y: 0, width: 320, height: 2400 },
          });
          const trend = tab.locator('[data-holder="applicationsTrend:byMonth"]');
          await trend.locator("summary").click();
          await trend.screenshot({ path: await screenshotPath("dashboard-320-table.png") });
        }
      } finally {
        await context.close();
      }
    });
  }

  it("is used by keyboard alone: filters applied and announced, errors next to the field, visible focus; every chart's table equals the JSON report for the same filters", async () => {
    const { context, tab, problems } = await open(VIEWPORTS[0]);
    const steps: FocusedElement[] = [];
    /**
     * Presses `key` until the focus is on `selector` (at most `limit` times); every place the focus stops on, a
     * date field's parts and its calendar button included, must show it.
     */
    const pressUntil = async (key: string, selector: string, limit = 4): Promise<void> => {
      for (let i = 0; i < limit; i++) {
        await tab.keyboard.press(key);
        const focused = await focusedElement(tab);
        expect(showsFocus(focused), `${key} ${i + 1} towards ${selector}: ${JSON.stringify(focused)}`).toBe(
          true,
        );
        if (await tab.evaluate(`document.activeElement.matches(${JSON.stringify(selector)})`)) {
          steps.push(focused);
          return;
        }
      }
      throw new Error(`${key} pressed ${limit} times did not reach ${selector}`);
    };
    const status = () => tab.textContent("#status");
    try {
      await pressUntil("Tab", "a.skip", 1);
      await pressUntil("Tab", "#release", 1);
      // The released quarters, newest first: 2019-Q1 is chosen; five down is 2017-Q4.
      expect(await tab.inputValue("#release")).toBe("2019-Q1");
      for (let i = 0; i < 5; i++) await tab.keyboard.press("ArrowDown");
      expect(await tab.inputValue("#release")).toBe("2017-Q4");
      await pressUntil("Tab", 'button[type="submit"]', 2);
      expect(await tab.textContent("*:focus")).toBe("Mostra");
      await tab.keyboard.press("Enter");
      await tab.waitForFunction(`JSON.parse(document.body.dataset.window).from === "2017-10-01"`);
      await waitForDrawn(tab, 2);
      expect(await status()).toContain(
        "Filtri applicati: periodo pubblicato 4º trimestre 2017, dal 1 ottobre 2017 al 31 dicembre 2017, eventi registrati fino al 15 gennaio 2018 (data di pubblicazione).",
      );

      // Every canvas names its data table, whose figures are the JSON report's for the same release.
      const response = await fetch(`${running.url}/report?release=2017-Q4`);
      expect(response.status).toBe(200);
      const report = (await response.json()) as Report;
      expect(report.provenance.window).toMatchObject({ from: "2017-10-01", to: "2017-12-31" });
      const expected = reportTables(report);
      const shown = await chartTables(tab);
      expect(shown.length).toBeGreaterThanOrEqual(15);
      for (const chart of shown) {
        expect(chart.role).toBe("img");
        expect(chart.tableId).not.toBeNull();
        const figures = expected.get(chart.tableId ?? "");
        expect(figures, `${chart.tableId} is a table of the report`).toBeDefined();
        expect(chart.label).toContain(figures?.table.title);
        expect(chart.table).toEqual(figures === undefined ? null : expectedTable(figures.table));
      }
      // The tables drawn without a chart (a single total) carry the report's figures too; none is left out.
      const pageTableIds = await tab.evaluate(`[...document.querySelectorAll("table")].map((t) => t.id)`);
      expect([...(pageTableIds as string[])].sort()).toEqual([...expected.keys()].sort());

      // "Ultimo periodo pubblicato" by keyboard; then the first table: its summary opens it, its wrapper takes the focus.
      await pressUntil("Tab", "#reset", 1);
      await tab.keyboard.press("Space");
      await tab.waitForFunction(`JSON.parse(document.body.dataset.window).from === "2019-01-01"`);
      expect(await status()).toContain("Filtri applicati: periodo pubblicato 1º trimestre 2019");
      await pressUntil("Tab", "summary", 1);
      await tab.keyboard.press("Enter");
      expect(await tab.evaluate(`document.activeElement.parentElement.open`)).toBe(true);
      await pressUntil("Tab", ".table-wrap", 1);

      // A period not released (as a crafted page would offer it): back to the field, chosen, refused.
      await tab.evaluate(`(() => {
        const option = document.createElement("option");
        option.value = "2019-Q2";
        option.textContent = "2º trimestre 2019";
        document.getElementById("release").append(option);
      })()`);
      await pressUntil("Shift+Tab", "#release", 12);
      await tab.keyboard.press("End");
      expect(await tab.inputValue("#release")).toBe("2019-Q2");
      await pressUntil("Tab", 'button[type="submit"]', 2);
      await tab.keyboard.press("Enter");
      await tab.waitForSelector("#release-error:not([hidden])");
      expect(await tab.textContent("#release-error")).toBe(
        "Questo periodo non è ancora pubblicato: scegliere uno dei periodi già pubblicati.",
      );
      expect(await tab.getAttribute("#release", "aria-invalid")).toBe("true");
      expect((await tab.getAttribute("#release", "aria-describedby"))?.split(" ")).toContain("release-error");
      const afterError = await focusedElement(tab);
      expect(afterError.id).toBe("release");
      expect(showsFocus(afterError)).toBe(true);
      expect(await status()).toBe("Filtri non applicati: un campo da correggere.");
      // The error sits next to its field, in the field's own box.
      expect(
        await tab.evaluate(
          `document.getElementById("release-error").parentElement.contains(document.getElementById("release"))`,
        ),
      ).toBe(true);
      expect(await axeViolations(tab)).toEqual([]);
      expect(steps.map((s) => s.id || s.tag)).toEqual([
        "a",
        "release",
        "button",
        "reset",
        "summary",
        "div",
        "release",
        "button",
      ]);
      // The service's refusal of the crafted period is the only answer of 400 (and the browser's note of it).
      expect(problems.filter((p) => !p.includes("release=2019-Q2") && !p.includes("status of 400"))).toEqual(
        [],
      );
    } finally {
      await context.close();
    }
  });

  it("asks for its icon and gets it: the linked SVG and /favicon.ico answer, no request fails", async () => {
    const { context, tab, problems, responses } = await open(VIEWPORTS[0]);
    try {
      const href = await tab.evaluate(`document.querySelector('link[rel="icon"]').href`);
      expect(href).toBe(`${running.url}/dashboard/favicon.svg`);
      // Chromium fetches the linked icon itself once the page has loaded.
      await expect
        .poll(() => responses.find((r) => r.url === href))
        .toMatchObject({
          status: 200,
          type: "image/svg+xml",
        });
      // A page that names no icon (the JSON report opened in a browser) makes the browser ask for /favicon.ico.
      const ico = await tab.request.get(`${running.url}/favicon.ico`);
      expect(ico.status()).toBe(200);
      expect(ico.url()).toBe(href);
      expect(ico.headers()["content-type"]).toBe("image/svg+xml");
      expect((await ico.text()).startsWith("<svg")).toBe(true);
      expect(responses.filter((r) => r.status >= 400)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
