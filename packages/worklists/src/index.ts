export { applyEvent } from "./apply-event.js";
export { postgresDatabase } from "./postgres-database.js";
export { clearWorklists, createWorklistTables, WORKLIST_TABLES } from "./schema.js";
export type { SqlDatabase, SqlExecutor } from "./sql-database.js";
export { openSqliteDatabase } from "./sqlite-database.js";
export {
  type CaseRow,
  type CaseSort,
  type OpportunityRow,
  type Page,
  type PageRequest,
  type Viewer,
  WorklistForbidden,
  Worklists,
} from "./worklists.js";
