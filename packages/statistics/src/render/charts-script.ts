import { readFileSync } from "node:fs";
import { SUPPRESSED_LEGEND, SUPPRESSED_MARK } from "./format.js";

/** The words and the locale the charts and their tables use in the browser: the same as every other rendering. */
export const CHARTS_TEXT = {
  locale: "it-IT",
  suppressedMark: SUPPRESSED_MARK,
  suppressedNote: SUPPRESSED_LEGEND,
} as const;

/**
 * The browser script that draws the charts of the HTML report and of the dashboard (`browser/insieme-charts.js`,
 * to load after chart.js's bundle), preceded by `CHARTS_TEXT`. It defines `window.InsiemeCharts`.
 */
export const chartsScriptSource = (): string => {
  // From src/render and from dist/render alike, the package's browser/ folder is two levels up.
  const script = readFileSync(new URL("../../browser/insieme-charts.js", import.meta.url), "utf8");
  return `window.InsiemeChartsText = ${JSON.stringify(CHARTS_TEXT)};\n${script}`;
};
