export * from "./candidate-events.js";
export * from "./common.js";
export * from "./company-events.js";
export * from "./correction-events.js";
export * from "./fund-events.js";
export * from "./person-events.js";
export * from "./project-events.js";
export * from "./registry.js";
