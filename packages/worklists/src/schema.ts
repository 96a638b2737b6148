import type { SqlDatabase } from "./sql-database.js";

/**
 * Version of the tables below. A database whose tables were made by another version is emptied and made again
 * (the lists are a projection: the next catch-up rebuilds them from the log).
 */
export const WORKLIST_SCHEMA_VERSION = 2;

const TABLES = [
  "worklist_checkpoint",
  "worklist_cases",
  "worklist_opportunities",
  "worklist_projects",
  "worklist_follow_ups",
] as const;

/** The work lists' tables: the same SQL on SQLite and PostgreSQL. */
export const WORKLIST_TABLES = [
  `CREATE TABLE IF NOT EXISTS worklist_checkpoint (
     name TEXT PRIMARY KEY, position BIGINT)`,
  `CREATE TABLE IF NOT EXISTS worklist_cases (
     candidate_id TEXT PRIMARY KEY,
     person_key TEXT NOT NULL,
     state TEXT NOT NULL,
     operator TEXT NOT NULL,
     channel TEXT NOT NULL,
     municipality TEXT NOT NULL,
     area TEXT,
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
  "CREATE INDEX IF NOT EXISTS worklist_cases_desk ON worklist_cases (open, municipality, area)",
  `CREATE TABLE IF NOT EXISTS worklist_opportunities (
     opportunity_id TEXT PRIMARY KEY,
     company_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     occupation_group TEXT NOT NULL,
     positions INTEGER NOT NULL,
     offered_on TEXT NOT NULL,
     open INTEGER NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS worklist_opportunities_company ON worklist_opportunities (company_id, open)",
  `CREATE TABLE IF NOT EXISTS worklist_projects (
     project_id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     state TEXT NOT NULL,
     promoters INTEGER NOT NULL,
     requested_grant_cents BIGINT NOT NULL,
     granted_cents BIGINT,
     jobs_created INTEGER NOT NULL,
     submitted_on TEXT NOT NULL,
     state_since TEXT NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS worklist_projects_state ON worklist_projects (kind, state)",
  `CREATE TABLE IF NOT EXISTS worklist_follow_ups (
     candidate_id TEXT NOT NULL,
     company_id TEXT NOT NULL,
     hired_on TEXT NOT NULL,
     months INTEGER NOT NULL,
     due_on TEXT NOT NULL,
     done_on TEXT,
     PRIMARY KEY (candidate_id, hired_on, months))`,
  "CREATE INDEX IF NOT EXISTS worklist_follow_ups_due ON worklist_follow_ups (done_on, due_on)",
  `CREATE TABLE IF NOT EXISTS worklist_schema (
     name TEXT PRIMARY KEY, version INTEGER NOT NULL)`,
] as const;

/**
 * Creates the tables when missing; tables of another schema version are dropped first, so the next catch-up
 * rebuilds the lists from zero.
 */
export const createWorklistTables = async (db: SqlDatabase): Promise<void> => {
  await db.transaction(async (tx) => {
    await tx.run(
      "CREATE TABLE IF NOT EXISTS worklist_schema (name TEXT PRIMARY KEY, version INTEGER NOT NULL)",
    );
    const rows = await tx.all<{ version: number | string }>(
      "SELECT version FROM worklist_schema WHERE name = 'worklists'",
    );
    const version = rows[0] === undefined ? null : Number(rows[0].version);
    if (version !== WORKLIST_SCHEMA_VERSION) {
      for (const table of TABLES) await tx.run(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const statement of WORKLIST_TABLES) await tx.run(statement);
    // The checkpoint's row exists from the start: a batch locks it first, so two followers take turns.
    await tx.run(
      "INSERT INTO worklist_checkpoint (name, position) VALUES ('worklists', NULL) ON CONFLICT (name) DO NOTHING",
    );
    await tx.run(
      `INSERT INTO worklist_schema (name, version) VALUES ('worklists', ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version`,
      [WORKLIST_SCHEMA_VERSION],
    );
  });
};

/** Empties every work list and its checkpoint (a rebuild from zero starts here). */
export const clearWorklists = async (db: SqlDatabase): Promise<void> => {
  await db.transaction(async (tx) => {
    for (const table of TABLES) if (table !== "worklist_checkpoint") await tx.run(`DELETE FROM ${table}`);
    await tx.run("UPDATE worklist_checkpoint SET position = NULL WHERE name = 'worklists'");
  });
};
