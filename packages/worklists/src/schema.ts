import type { SqlDatabase } from "./sql-database.js";

/** The work lists' tables: the same SQL on SQLite and PostgreSQL. */
export const WORKLIST_TABLES = [
  `CREATE TABLE IF NOT EXISTS worklist_checkpoint (
     name TEXT PRIMARY KEY, position BIGINT)`,
  `CREATE TABLE IF NOT EXISTS worklist_cases (
     candidate_id TEXT PRIMARY KEY,
     person_key TEXT NOT NULL,
     state TEXT NOT NULL,
     operator TEXT NOT NULL,
     applied_on TEXT NOT NULL,
     screened_on TEXT,
     interviewed_on TEXT,
     proposal_id TEXT,
     proposal_company TEXT,
     proposed_on TEXT,
     internship_id TEXT,
     internship_company TEXT,
     internship_end TEXT,
     open INTEGER NOT NULL,
     updated_position BIGINT NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS worklist_cases_person ON worklist_cases (person_key)",
  "CREATE INDEX IF NOT EXISTS worklist_cases_state ON worklist_cases (open, state)",
  `CREATE TABLE IF NOT EXISTS worklist_opportunities (
     opportunity_id TEXT PRIMARY KEY,
     company_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     occupation_group TEXT NOT NULL,
     positions INTEGER NOT NULL,
     offered_on TEXT NOT NULL,
     open INTEGER NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS worklist_opportunities_company ON worklist_opportunities (company_id, open)",
] as const;

export const createWorklistTables = async (db: SqlDatabase): Promise<void> => {
  await db.transaction(async (tx) => {
    for (const statement of WORKLIST_TABLES) await tx.run(statement);
  });
};

/** Empties every work list and its checkpoint (a rebuild from zero starts here). */
export const clearWorklists = async (db: SqlDatabase): Promise<void> => {
  await db.transaction(async (tx) => {
    await tx.run("DELETE FROM worklist_cases");
    await tx.run("DELETE FROM worklist_opportunities");
    await tx.run("DELETE FROM worklist_checkpoint");
  });
};
