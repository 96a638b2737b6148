export * from "./application.js";
export * from "./commands.js";
export * from "./decider.js";
export * from "./evolve.js";
export * from "./state.js";
