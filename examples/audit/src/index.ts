export * from "./arguments.js";
export * from "./audit.js";
export * from "./published-report.js";
export * from "./replay-to.js";
export * from "./signature-evidence.js";
