import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The dashboard's static files, by the name they are served under (a fixed list: nothing else is readable). */
export interface DashboardFile {
  readonly path: string;
  readonly contentType: string;
}

/** Where the dashboard example keeps its page, next to this example in the repository. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL("../../dashboard/public/", import.meta.url));

/** chart.js's UMD bundle, served from the installed package: the page needs no network beyond the service. */
const chartJsUmdPath = (): string =>
  join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.js");

export const dashboardFiles = (dir: string): ReadonlyMap<string, DashboardFile> =>
  new Map([
    ["", { path: join(dir, "index.html"), contentType: "text/html; charset=utf-8" }],
    ["dashboard.js", { path: join(dir, "dashboard.js"), contentType: "text/javascript; charset=utf-8" }],
    ["dashboard.css", { path: join(dir, "dashboard.css"), contentType: "text/css; charset=utf-8" }],
    ["vendor/chart.umd.js", { path: chartJsUmdPath(), contentType: "text/javascript; charset=utf-8" }],
  ]);

export const readDashboardFile = (file: DashboardFile): Promise<Buffer> => readFile(file.path);
