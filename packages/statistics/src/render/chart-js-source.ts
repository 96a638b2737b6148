import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The chart.js UMD bundle's source, to inline into the HTML report (it must open without a network). */
export const chartJsUmdSource = (): string => {
  // The package's exports map does not expose dist/chart.umd.js; it sits next to the CommonJS entry point.
  const main = createRequire(import.meta.url).resolve("chart.js");
  return readFileSync(join(dirname(main), "chart.umd.js"), "utf8");
};
