export * from "./profile.js";
export * from "./score.js";
