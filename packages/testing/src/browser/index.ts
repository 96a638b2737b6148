export type { AxeViolation } from "./axe.js";
export { axeViolations, WCAG_21_AA_TAGS } from "./axe.js";
export type { ChartTable, ReportTableFigures, ShownTable } from "./chart-tables.js";
export { chartTables, expectedTable } from "./chart-tables.js";
export { launchChromium } from "./chromium.js";
export type { FocusedElement } from "./focus.js";
export { focusedElement, showsFocus } from "./focus.js";
export type { PageWidth } from "./reflow.js";
export { pageWidth } from "./reflow.js";
