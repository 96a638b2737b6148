export * from "./errors.js";
export * from "./history-file.js";
export * from "./program.js";
export * from "./report-output.js";
