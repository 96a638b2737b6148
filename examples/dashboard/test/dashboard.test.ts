import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinBoard, submitApplication } from "../../case-service/test/support/commands.js";
import { type Running, startService } from "../../case-service/test/support/http.js";
import { screenshotPath } from "./support/screenshots.js";

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

interface ChartData {
  readonly type: string;
  readonly labels: string[];
  readonly datasets: { label: string; data: (number | null)[] }[];
}

/** What chart.js is drawing on the canvas of one table (`statistic:table`), read from the page. */
const chartData = (page: Page, key: string): Promise<ChartData | null> =>
  page.evaluate(`(() => {
    const canvas = document.querySelector('canvas[data-chart=${JSON.stringify(key)}]');
    const chart = canvas === null ? undefined : Chart.getChart(canvas);
    if (chart === undefined) return null;
    return {
      type: chart.config.type,
      labels: [...chart.data.labels],
      datasets: chart.data.datasets.map((d) => ({ label: d.label, data: [...d.data] })),
    };
  })()`);

const boardCompanies = async (page: Page): Promise<number | null | undefined> => {
  const data = await chartData(page, "companies:byChannel");
  const row = data?.labels.indexOf("Board") ?? -1;
  return data?.datasets[0]?.data[row];
};

/** Waits until the page has shown a report that replayed `events` events. */
const waitForEvents = (page: Page, events: number) =>
  page.waitForFunction(
    `document.body.dataset.events === ${JSON.stringify(String(events))} && document.body.dataset.state === "ready"`,
  );

describe("the dashboard in Debian's chromium", () => {
  let running: Running;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    running = await startService();
    browser = await chromium.launch({
      executablePath: process.env.INSIEME_CHROMIUM ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "it-IT" });
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    // Nothing may leave the service's origin: chart.js and the data come from it.
    await page.route("**/*", (route) =>
      route.request().url().startsWith(running.url) ? route.continue() : route.abort("blockedbyclient"),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it("draws the statistics of an empty journal, goes live, and redraws when commands are recorded", async () => {
    await page.goto(`${running.url}/dashboard/`);
    await waitForEvents(page, 0);
    await page.waitForSelector('[data-live="on"]');
    expect(await page.title()).toBe("Insieme per il lavoro — I numeri");
    expect(await boardCompanies(page)).toBe(0);
    const trend = await chartData(page, "applicationsTrend:byMonth");
    expect(trend).toMatchObject({ type: "line", labels: [] });
    expect(trend?.datasets.map((d) => d.label)).toEqual(["Candidature", "Cumulato"]);

    for (let n = 1; n <= 3; n++) {
      expect((await running.send(joinBoard(n, "direct", `2018-01-1${n}T09:00:00Z`))).status).toBe(201);
    }
    await waitForEvents(page, 3);
    expect(await boardCompanies(page)).toBe(3);

    for (let n = 1; n <= 6; n++) {
      const day = `2018-${n <= 3 ? "01" : "02"}-1${n}T09:00:00Z`;
      expect((await running.send(submitApplication(n, day))).status).toBe(201);
    }
    // Each application writes the candidate's and the person's stream.
    await waitForEvents(page, 15);
    const after = await chartData(page, "applicationsTrend:byMonth");
    expect(after?.labels).toEqual(["gen 2018", "feb 2018"]);
    expect(after?.datasets.map((d) => d.data)).toEqual([
      [3, 3],
      [3, 6],
    ]);
    expect(await page.textContent("#status")).toContain("15 eventi");
    await page.screenshot({ path: await screenshotPath("dashboard-live.png"), fullPage: true });
  });

  it("filters by period and shows the statistics as of a past date", async () => {
    await page.fill("#from", "2018-02-01");
    await page.fill("#to", "2018-02-28");
    await page.click('button[type="submit"]');
    await page.waitForFunction(`JSON.parse(document.body.dataset.window).from === "2018-02-01"`);
    const february = await chartData(page, "applicationsTrend:byMonth");
    expect(february?.labels).toEqual(["feb 2018"]);
    expect(february?.datasets[0]?.data).toEqual([3]);
    expect(await page.textContent("#provenance")).toContain("dal 2018-02-01, al 2018-02-28");
    await page.screenshot({ path: await screenshotPath("dashboard-period.png") });

    await page.click("#reset");
    await page.fill("#asOf", "2000-01-01");
    await page.click('button[type="submit"]');
    await waitForEvents(page, 0);
    expect(await boardCompanies(page)).toBe(0);
    expect(await page.textContent("#provenance")).toContain(
      "eventi registrati fino al 2000-01-01T23:59:59.999Z",
    );
    await page.screenshot({ path: await screenshotPath("dashboard-as-of.png") });
  });

  it("says in Italian, next to the field, why a filter is refused, and logged no console errors", async () => {
    await page.fill("#asOf", "");
    await page.fill("#from", "2018-03-01");
    await page.fill("#to", "2018-01-01");
    await page.click('button[type="submit"]');
    await page.waitForSelector("#from-error:not([hidden])");
    expect(await page.textContent("#from-error")).toContain("è successiva alla data «Al»");
    expect(await page.getAttribute("#from", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#from", "aria-describedby")).toContain("from-error");
    expect(await page.evaluate("document.activeElement.id")).toBe("from");
    expect(await page.textContent("#status")).toContain("Filtri non applicati");
    expect(problems).toEqual([]);
  });
});
