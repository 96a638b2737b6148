export { connectPostgresEventStore, type PostgresConnectError, type PostgresUnreachable } from "./connect.js";
export {
  createPool,
  type InvalidPostgresConfig,
  type PostgresOptions,
  parsePostgresOptions,
  type ResolvedPostgresOptions,
  redactPostgresUrl,
} from "./connection.js";
export { PostgresCheckpointStore } from "./postgres-checkpoint-store.js";
export { PostgresEventStore } from "./postgres-event-store.js";
export { migrate, notifyChannel } from "./schema.js";
