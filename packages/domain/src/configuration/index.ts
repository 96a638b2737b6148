export * from "./configuration.js";
export * from "./illustrative.js";
export * from "./json-schema.js";
export * from "./load.js";
export * from "./release-calendar.js";
export * from "./schema.js";
