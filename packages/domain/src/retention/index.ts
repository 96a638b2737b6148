export * from "./erasures-due.js";
export * from "./retention-policy.js";
