export * from "./correctable.js";
export * from "./rules.js";
export * from "./step-checks.js";
