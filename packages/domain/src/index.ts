export * from "./events/index.js";
export * from "./streams.js";
export * from "./territory/index.js";
export * from "./vocabulary/index.js";
