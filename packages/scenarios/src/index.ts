export * from "./candidate-path.js";
export * from "./codice-fiscale.js";
export * from "./organisations.js";
export * from "./prng.js";
export * from "./published.js";
export * from "./synthetic.js";
