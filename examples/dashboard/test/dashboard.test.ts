import { manualClock } from "@insieme/kernel";
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

  // The journal records, and the service publishes, on this clock: the test moves it along the commands' dates.
  const clock = manualClock("2018-01-01T00:00:00Z");

  beforeAll(async () => {
    running = await startService({ clock });
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

  it("shows the latest released period, goes live, and moves to a new release when one is out", async () => {
    await page.goto(`${running.url}/dashboard/`);
    // On 1 January 2018 the released quarters are 2017-Q2 and 2017-Q3 (2017-Q4 comes out on 15 January).
    await page.waitForFunction(`document.body.dataset.releases === "2017-Q3,2017-Q2"`);
    await waitForEvents(page, 0);
    await page.waitForSelector('[data-live="on"]');
    expect(await page.title()).toBe("Insieme per il lavoro — I numeri");
    expect(await page.inputValue("#release")).toBe("2017-Q3");
    expect(await boardCompanies(page)).toBe(0);
    const trend = await chartData(page, "applicationsTrend:byMonth");
    // A release's trend shows every month of its period.
    expect(trend).toMatchObject({ type: "line", labels: ["lug 2017", "ago 2017", "set 2017"] });
    expect(trend?.datasets.map((d) => d.label)).toEqual(["Candidature", "Cumulato"]);

    // Commands recorded on their dates, in January and February 2018.
    for (let n = 1; n <= 3; n++) {
      const day = `2018-01-1${n}T09:00:00Z`;
      clock.set(day);
      expect((await running.send(joinBoard(n, "direct", day))).status).toBe(201);
    }
    for (let n = 1; n <= 6; n++) {
      const day = `2018-${n <= 3 ? "01" : "02"}-1${n}T09:00:00Z`;
      clock.set(day);
      expect((await running.send(submitApplication(n, day))).status).toBe(201);
    }
    // A new event after 15 April 2018: the page learns that 2018-Q1 is out, and shows it.
    clock.set("2018-04-20T09:00:00Z");
    expect((await running.send(joinBoard(4, "direct", "2018-04-20T09:00:00Z"))).status).toBe(201);
    await page.waitForFunction(`document.body.dataset.releases === "2018-Q1,2017-Q4,2017-Q3,2017-Q2"`);
    // The release holds what was recorded by its release instant: 3 companies and 6 applications (21 events:
    // a new person's application writes the case, the person's case and the person's index entry).
    await waitForEvents(page, 21);
    expect(await page.inputValue("#release")).toBe("2018-Q1");
    expect(await boardCompanies(page)).toBe(3);
    const after = await chartData(page, "applicationsTrend:byMonth");
    expect(after?.labels).toEqual(["gen 2018", "feb 2018", "mar 2018"]);
    expect(after?.datasets.map((d) => d.data)).toEqual([
      [3, 3, 0],
      [3, 6, 6],
    ]);
    expect(await page.textContent("#status")).toContain("periodo pubblicato 1º trimestre 2018");
    expect(await page.textContent("#status")).toContain("21 eventi");
    await page.screenshot({ path: await screenshotPath("dashboard-live.png"), fullPage: true });
  });

  it("offers the released periods only, each as of its release instant", async () => {
    const options = await page.$$eval("#release option", (nodes) =>
      nodes.map((n) => [n.getAttribute("value"), n.textContent]),
    );
    expect(options).toEqual([
      ["2018-Q1", "1º trimestre 2018 (pubblicato il 15 aprile 2018)"],
      ["2017-Q4", "4º trimestre 2017 (pubblicato il 15 gennaio 2018)"],
      ["2017-Q3", "3º trimestre 2017 (pubblicato il 15 ottobre 2017)"],
      ["2017-Q2", "2º trimestre 2017 (pubblicato il 15 luglio 2017)"],
    ]);
    await page.selectOption("#release", "2017-Q4");
    await page.click('button[type="submit"]');
    await page.waitForFunction(`JSON.parse(document.body.dataset.window).from === "2017-10-01"`);
    expect(await boardCompanies(page)).toBe(0);
    expect(await page.textContent("#provenance")).toContain(
      "dal 2017-10-01, al 2017-12-31, eventi registrati fino al 2018-01-15T23:59:59.999Z",
    );
    await page.screenshot({ path: await screenshotPath("dashboard-period.png") });

    await page.click("#reset");
    await page.waitForFunction(`JSON.parse(document.body.dataset.window).from === "2018-01-01"`);
    expect(await page.inputValue("#release")).toBe("2018-Q1");
    expect(await boardCompanies(page)).toBe(3);
  });

  it("says in Italian, next to the field, why a period is refused, and logged no console errors", async () => {
    // A period the page does not offer (as a crafted request would ask for it): the service refuses it.
    await page.evaluate(`(() => {
      const option = document.createElement("option");
      option.value = "2018-Q2";
      option.textContent = "2º trimestre 2018";
      document.getElementById("release").append(option);
    })()`);
    await page.selectOption("#release", "2018-Q2");
    await page.click('button[type="submit"]');
    await page.waitForSelector("#release-error:not([hidden])");
    expect(await page.textContent("#release-error")).toContain("non è ancora pubblicato");
    expect(await page.getAttribute("#release", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#release", "aria-describedby")).toContain("release-error");
    expect(await page.evaluate("document.activeElement.id")).toBe("release");
    expect(await page.textContent("#status")).toContain("Filtri non applicati");
    // The browser reports the refused request itself; nothing else may be logged.
    expect(problems.filter((p) => !p.includes("status of 400"))).toEqual([]);
  });
});
