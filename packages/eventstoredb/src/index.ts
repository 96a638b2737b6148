export {
  CHECKPOINT_CLEARED,
  CHECKPOINT_SAVED,
  checkpointStreamOf,
  EventStoreDbCheckpointStore,
  type EventStoreDbCheckpointStoreOptions,
} from "./checkpoint-store.js";
export { connectEventStoreDb, type EventStoreDbOptions, redactConnectionString } from "./connect.js";
export {
  type EventStoreDbConnectError,
  EventStoreDbError,
  type EventStoreDbFailureReason,
  type EventStoreDbUnreachable,
  type InvalidEventStoreDbConfig,
  isEventStoreDbError,
} from "./errors.js";
export { eventStoreDbEventId } from "./event-id.js";
export { EventStoreDbEventStore } from "./eventstoredb-event-store.js";
export { CHECKPOINT_STREAM_PREFIX, isInsiemeEvent } from "./visibility.js";
