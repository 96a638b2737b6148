import type { RecordedEvent } from "@insieme/kernel";
import type { SqlExecutor } from "./sql-database.js";

/** A row as the tables hold it: column name → value. */
export type Row = Record<string, string | number | null>;

/** One table's rows touched by a batch: loaded once, changed in memory, written back once. */
export interface TableRows {
  readonly rows: Map<string, Row>;
  readonly dirty: Set<string>;
}

/** The rows a batch of events reads and changes, one map per table (by primary key). */
export interface BatchRows {
  readonly cases: TableRows;
  readonly opportunities: TableRows;
  readonly projects: TableRows;
  readonly followUps: TableRows;
}

interface TableSpec {
  readonly table: string;
  readonly key: readonly string[];
  readonly columns: readonly string[];
}

export const CASES: TableSpec = {
  table: "worklist_cases",
  key: ["candidate_id"],
  columns: [
    "candidate_id",
    "person_key",
    "state",
    "operator",
    "channel",
    "municipality",
    "area",
    "applied_on",
    "screened_on",
    "interviewed_on",
    "proposal_id",
    "proposal_company",
    "proposed_on",
    "internship_id",
    "internship_company",
    "internship_end",
    "open",
    "updated_position",
  ],
};
export const OPPORTUNITIES: TableSpec = {
  table: "worklist_opportunities",
  key: ["opportunity_id"],
  columns: ["opportunity_id", "company_id", "kind", "occupation_group", "positions", "offered_on", "open"],
};
export const PROJECTS: TableSpec = {
  table: "worklist_projects",
  key: ["project_id"],
  columns: [
    "project_id",
    "kind",
    "state",
    "promoters",
    "requested_grant_cents",
    "granted_cents",
    "jobs_created",
    "submitted_on",
    "state_since",
  ],
};
export const FOLLOW_UPS: TableSpec = {
  table: "worklist_follow_ups",
  key: ["candidate_id", "hired_on", "months"],
  columns: ["candidate_id", "company_id", "hired_on", "months", "due_on", "done_on"],
};

/** The map key of a row: its primary key's values. */
export const keyOf = (spec: TableSpec, row: Row): string =>
  spec.key.map((k) => String(row[k])).join("\u0000");

/** Parameters per statement at most (SQLite's default limit is 32,766; PostgreSQL's 65,535). */
const MAX_PARAMS = 30_000;
const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
const placeholders = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

/** Numbers come back from PostgreSQL's BIGINT as text, from SQLite as numbers: one shape for both. */
const NUMERIC = new Set([
  "open",
  "updated_position",
  "positions",
  "promoters",
  "requested_grant_cents",
  "granted_cents",
  "jobs_created",
  "months",
]);
const normalised = (row: Row): Row => {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = NUMERIC.has(k) && v !== null ? Number(v) : v;
  return out;
};

const loadInto = async (
  tx: SqlExecutor,
  spec: TableSpec,
  target: TableRows,
  column: string,
  values: ReadonlySet<string>,
): Promise<void> => {
  for (const part of chunks([...values], MAX_PARAMS)) {
    const rows = await tx.all<Row>(
      `SELECT ${spec.columns.join(", ")} FROM ${spec.table} WHERE ${column} IN (${placeholders(part.length)})`,
      part,
    );
    for (const row of rows) {
      const key = keyOf(spec, row);
      if (!target.rows.has(key)) target.rows.set(key, normalised(row));
    }
  }
};

const ids = (events: readonly RecordedEvent[], key: string, types?: ReadonlySet<string>): Set<string> => {
  const out = new Set<string>();
  for (const event of events) {
    if (types !== undefined && !types.has(event.type)) continue;
    const value = (event.data as Record<string, unknown> | null)?.[key];
    if (typeof value === "string") out.add(value);
  }
  return out;
};

const empty = (): TableRows => ({ rows: new Map(), dirty: new Set() });

/**
 * Loads, in one query per table (a few more for a very large batch), every row the batch's events can change:
 * the cases and follow-ups of its candidates, the opportunities it names or of companies leaving the Board, its projects.
 */
export const loadBatchRows = async (
  tx: SqlExecutor,
  events: readonly RecordedEvent[],
): Promise<BatchRows> => {
  const rows: BatchRows = { cases: empty(), opportunities: empty(), projects: empty(), followUps: empty() };
  const candidates = ids(events, "candidateId");
  const opportunities = ids(events, "opportunityId", new Set(["OpportunityOffered"]));
  const leaving = ids(events, "companyId", new Set(["CompanyLeftBoard"]));
  const projects = ids(events, "projectId");
  if (candidates.size > 0) {
    await loadInto(tx, CASES, rows.cases, "candidate_id", candidates);
    await loadInto(tx, FOLLOW_UPS, rows.followUps, "candidate_id", candidates);
  }
  if (opportunities.size > 0)
    await loadInto(tx, OPPORTUNITIES, rows.opportunities, "opportunity_id", opportunities);
  if (leaving.size > 0) await loadInto(tx, OPPORTUNITIES, rows.opportunities, "company_id", leaving);
  if (projects.size > 0) await loadInto(tx, PROJECTS, rows.projects, "project_id", projects);
  return rows;
};

/** Writes the changed rows back: one multi-row upsert per table (a few more for a very large batch). */
export const writeBatchRows = async (tx: SqlExecutor, rows: BatchRows): Promise<void> => {
  const write = async (spec: TableSpec, table: TableRows) => {
    const changed = [...table.dirty].map((k) => table.rows.get(k)).filter((r): r is Row => r !== undefined);
    const update = spec.columns
      .filter((c) => !spec.key.includes(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(", ");
    for (const part of chunks(changed, Math.floor(MAX_PARAMS / spec.columns.length))) {
      const values = part.map(() => `(${placeholders(spec.columns.length)})`).join(", ");
      await tx.run(
        `INSERT INTO ${spec.table} (${spec.columns.join(", ")}) VALUES ${values}
         ON CONFLICT (${spec.key.join(", ")}) DO UPDATE SET ${update}`,
        part.flatMap((row) => spec.columns.map((c) => row[c] ?? null)),
      );
    }
  };
  await write(CASES, rows.cases);
  await write(OPPORTUNITIES, rows.opportunities);
  await write(PROJECTS, rows.projects);
  await write(FOLLOW_UPS, rows.followUps);
};
