import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chartsScriptSource } from "@insieme/statistics";

/**
 * The dashboard's static files, by the name they are served under (a fixed list: nothing else is readable): a
 * file on disk (`path`) or a text built by a package (`text`).
 */
export type DashboardFile =
  | { readonly path: string; readonly contentType: string }
  | { readonly text: () => string; readonly contentType: string };

/** Where the dashboard example keeps its page, next to this example in the repository. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL("../../dashboard/public/", import.meta.url));

/** chart.js's UMD bundle, served from the installed package: the page needs no network beyond the service. */
const chartJsUmdPath = (): string =>
  join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.js");

const JAVASCRIPT = "text/javascript; charset=utf-8";

export const dashboardFiles = (dir: string): ReadonlyMap<string, DashboardFile> =>
  new Map<string, DashboardFile>([
    ["", { path: join(dir, "index.html"), contentType: "text/html; charset=utf-8" }],
    ["dashboard.js", { path: join(dir, "dashboard.js"), contentType: JAVASCRIPT }],
    ["dashboard.css", { path: join(dir, "dashboard.css"), contentType: "text/css; charset=utf-8" }],
    ["favicon.svg", { path: join(dir, "favicon.svg"), contentType: "image/svg+xml" }],
    ["vendor/chart.umd.js", { path: chartJsUmdPath(), contentType: JAVASCRIPT }],
    // The charts and tables of "I numeri", the same script the HTML report inlines.
    ["vendor/insieme-charts.js", { text: chartsScriptSource, contentType: JAVASCRIPT }],
  ]);

export const readDashboardFile = (file: DashboardFile): Promise<Buffer | string> =>
  "path" in file ? readFile(file.path) : Promise.resolve(file.text());
