export { applyEvent, FOLLOW_UP_MONTHS } from "./apply-event.js";
export { type BatchRows, loadBatchRows, type Row, type TableRows, writeBatchRows } from "./batch-rows.js";
export { addDays, addMonths } from "./calendar.js";
export { FOLLOW_BATCH, type Following, followInBatches } from "./follower.js";
export type { Page, PageRequest, SortedPageRequest } from "./paging.js";
export { postgresDatabase } from "./postgres-database.js";
export { clearWorklists, createWorklistTables, WORKLIST_SCHEMA_VERSION, WORKLIST_TABLES } from "./schema.js";
export type { SqlDatabase, SqlExecutor } from "./sql-database.js";
export { openSqliteDatabase } from "./sqlite-database.js";
export {
  type CaseRow,
  type CaseSort,
  type CompanyCaseRow,
  type Desk,
  type FollowUpRow,
  type OpportunityRow,
  type ProjectRow,
  type ProjectSort,
  type Viewer,
  WorklistForbidden,
  Worklists,
} from "./worklists.js";
