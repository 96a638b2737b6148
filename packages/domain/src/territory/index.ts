export * from "./territory.js";
