export * from "./browser/index.js";
export { ContractViolation } from "./contract/assert.js";
export type { ContractCase, ContractOptions } from "./contract/contract-case.js";
export {
  contractCases,
  contractDefaults,
  eventStoreContract,
  runContractCase,
} from "./contract/event-store-contract.js";
export type { DeciderThen } from "./decider-spec.js";
export { deciderSpec } from "./decider-spec.js";
export { arbitraryEvent, arbitraryEventOf } from "./event-arbitrary.js";
export { arbitraryNearValue } from "./near-values.js";
export { type PostgresServer, startPostgresServer } from "./postgres/postgres-server.js";
export { createTestDatabase, type TestDatabase } from "./postgres/test-database.js";
export { arbitraryFromZod } from "./zod-arbitrary.js";
