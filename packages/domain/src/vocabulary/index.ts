export * from "./application.js";
export * from "./company.js";
export * from "./fund.js";
export * from "./interview.js";
export * from "./placement.js";
export * from "./project.js";
export * from "./roles.js";
export * from "./screening.js";
