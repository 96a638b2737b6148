export * from "./illustrative-profile.js";
export * from "./profile.js";
export * from "./score.js";
