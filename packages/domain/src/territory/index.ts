export * from "./municipalities.js";
export * from "./quartieri.js";
