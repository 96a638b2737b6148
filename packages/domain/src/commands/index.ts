export * from "./candidate-commands.js";
export * from "./catalogue.js";
export * from "./company-commands.js";
export * from "./correction-commands.js";
export * from "./envelope.js";
export * from "./project-fund-commands.js";
