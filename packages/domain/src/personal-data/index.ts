export * from "./codice-fiscale.js";
export * from "./file-vault.js";
export * from "./identifier-guard.js";
export * from "./person-key.js";
export * from "./personal-data.js";
export * from "./private-key-file.js";
export * from "./seal.js";
export * from "./vault.js";
