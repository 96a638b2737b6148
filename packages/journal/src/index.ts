export { chainHashAt } from "./chain-hash-at.js";
export * from "./errors.js";
export * from "./file-checkpoint-store.js";
export type { ChainHead, JournalStats, RecoveryReport } from "./journal-event-store.js";
export { JournalEventStore } from "./journal-event-store.js";
export { type JournalOptions, openJournal } from "./open-journal.js";
export {
  GENESIS_HASH,
  JOURNAL_FILE,
  JOURNAL_FORMAT_VERSION,
  LOCK_FILE,
  MAX_RECORD_BYTES,
} from "./record-format.js";
export type { RecordFailureReason } from "./record-scanner.js";
export {
  describeVerifyResult,
  type JournalVerified,
  type VerifyOptions,
  verifyJournal,
} from "./verify-journal.js";
