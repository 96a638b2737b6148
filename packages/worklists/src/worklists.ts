import type { EventStore, RecordedEvent } from "@insieme/kernel";
import { applyEvent } from "./apply-event.js";
import { loadBatchRows, writeBatchRows } from "./batch-rows.js";
import { addDays } from "./calendar.js";
import { type Following, followInBatches } from "./follower.js";
import { bounds, type Page, type PageRequest, page, type SortedPageRequest, sortColumn } from "./paging.js";
import { clearWorklists, createWorklistTables } from "./schema.js";
import type { SqlDatabase } from "./sql-database.js";

const CHECKPOINT = "worklists";
/** Events applied per transaction while catching up (the checkpoint moves with each batch). */
const BATCH = 500;

/** Who asks: a company sees only what concerns it (its proposals, internships and opportunities). */
export type Viewer = { readonly role: "operator" } | { readonly role: "company"; readonly companyId: string };

export interface CaseRow {
  readonly candidateId: string;
  readonly state: string;
  readonly operator: string;
  /** How the application arrived: `online_form` or `desk`. */
  readonly channel: string;
  /** ISTAT code of the comune of residence, and its sub-municipal area (Bologna's quartiere) or null. */
  readonly municipality: string;
  readonly area: string | null;
  readonly appliedOn: string;
  readonly screenedOn: string | null;
  readonly interviewedOn: string | null;
  readonly proposalId: string | null;
  readonly proposalCompany: string | null;
  readonly proposedOn: string | null;
  readonly internshipId: string | null;
  readonly internshipCompany: string | null;
  readonly internshipEnd: string | null;
}

/** What a company may see of a case that concerns it: no operator, no territory, no dates of other steps. */
export interface CompanyCaseRow {
  readonly candidateId: string;
  readonly state: string;
  readonly proposalId: string | null;
  readonly proposedOn: string | null;
  readonly internshipId: string | null;
  readonly internshipEnd: string | null;
}

export interface OpportunityRow {
  readonly opportunityId: string;
  readonly companyId: string;
  readonly kind: string;
  readonly occupationGroup: string;
  readonly positions: number;
  readonly offeredOn: string;
}

export interface ProjectRow {
  readonly projectId: string;
  readonly kind: string;
  /** `waiting` (in attesa), `under_evaluation`, `not_eligible` or `approved` (approvato / finanziato). */
  readonly state: string;
  readonly promoters: number;
  readonly requestedGrantCents: number;
  readonly grantedCents: number | null;
  readonly jobsCreated: number;
  readonly submittedOn: string;
  /** Date of the event that put the project in its state. */
  readonly stateSince: string;
}

export interface FollowUpRow {
  readonly candidateId: string;
  readonly companyId: string;
  readonly hiredOn: string;
  /** 6 or 12: the contact due this many months after the hiring. */
  readonly months: number;
  readonly dueOn: string;
}

/** A desk: the territory it serves, as comuni (ISTAT codes) and, within them, sub-municipal areas. */
export interface Desk {
  readonly municipalities: readonly string[];
  /** Only these areas of those comuni (Bologna's quartieri); absent: the whole comuni. */
  readonly areas?: readonly string[];
}

const CASE_COLUMNS = `candidate_id AS "candidateId", state, operator, channel, municipality, area,
  applied_on AS "appliedOn", screened_on AS "screenedOn", interviewed_on AS "interviewedOn",
  proposal_id AS "proposalId", proposal_company AS "proposalCompany", proposed_on AS "proposedOn",
  internship_id AS "internshipId", internship_company AS "internshipCompany", internship_end AS "internshipEnd"`;
const COMPANY_CASE_COLUMNS = `candidate_id AS "candidateId", state, proposal_id AS "proposalId",
  proposed_on AS "proposedOn", internship_id AS "internshipId", internship_end AS "internshipEnd"`;

/** Sort keys a caller may name, mapped to columns (never interpolated from input). */
const CASE_SORT = {
  appliedOn: "applied_on",
  candidateId: "candidate_id",
  state: "state",
  internshipEnd: "internship_end",
  proposedOn: "proposed_on",
  municipality: "municipality",
} as const;
export type CaseSort = keyof typeof CASE_SORT;

const PROJECT_SORT = {
  submittedOn: "submitted_on",
  stateSince: "state_since",
  projectId: "project_id",
  requestedGrantCents: "requested_grant_cents",
} as const;
export type ProjectSort = keyof typeof PROJECT_SORT;

/** The most comuni or areas a desk filter may name. */
const MAX_DESK_ENTRIES = 500;
const placeholders = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

/**
 * The work lists of host applications, kept in a SQL database (SQLite or PostgreSQL) as a projection of the log:
 * each batch of events is applied and the checkpoint moved in one transaction, so every event is applied exactly
 * once whatever stops the process; `rebuild` starts again from zero; `follow` keeps up with live appends.
 */
export class Worklists {
  private constructor(readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<Worklists> {
    await createWorklistTables(db);
    return new Worklists(db);
  }

  /** Position of the last event applied, or null before the first. */
  async checkpoint(): Promise<number | null> {
    const rows = await this.db.all<{ position: number | string | null }>(
      "SELECT position FROM worklist_checkpoint WHERE name = ?",
      [CHECKPOINT],
    );
    const position = rows[0]?.position;
    return position === undefined || position === null ? null : Number(position);
  }

  /**
   * Applies events (in global order) in one transaction with the new checkpoint. The checkpoint's row is locked
   * first, so two processes following the same lists take turns; events at or below it are skipped. The rows the
   * batch touches are loaded in one query per table, changed in memory and written back in one upsert per table,
   * so a batch costs a handful of round trips however many events it holds.
   */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.transaction(async (tx) => {
      // Locks the checkpoint's row and reads it in one statement.
      const rows = await tx.all<{ position: number | string | null }>(
        "UPDATE worklist_checkpoint SET position = position WHERE name = ? RETURNING position",
        [CHECKPOINT],
      );
      const at = rows[0]?.position;
      const from = at === undefined || at === null ? -1 : Number(at);
      const fresh: RecordedEvent[] = [];
      let last = from;
      for (const event of events) {
        if (event.position <= last) continue; // already applied: exactly once
        fresh.push(event);
        last = event.position;
      }
      if (fresh.length === 0) return;
      // The batch's rows are read once, changed in memory event by event, and written back once.
      const touched = await loadBatchRows(tx, fresh);
      for (const event of fresh) applyEvent(touched, event);
      await writeBatchRows(tx, touched);
      if (last !== from)
        await tx.run("UPDATE worklist_checkpoint SET position = ? WHERE name = ?", [last, CHECKPOINT]);
    });
  }

  /** Reads the store from the checkpoint to its head, in batches. Returns the checkpoint reached. */
  async catchUp(store: EventStore): Promise<number | null> {
    let batch: RecordedEvent[] = [];
    for await (const event of store.readAll({ after: await this.checkpoint() })) {
      batch.push(event);
      if (batch.length >= BATCH) {
        await this.apply(batch);
        batch = [];
      }
    }
    await this.apply(batch);
    return this.checkpoint();
  }

  /** Empties the lists and applies the whole log again. */
  async rebuild(store: EventStore): Promise<number | null> {
    await clearWorklists(this.db);
    return this.catchUp(store);
  }

  /**
   * Follows the store live from the checkpoint until the returned `stop` is called; what arrives while a batch is
   * being written goes into the next batch (one transaction for many events under load).
   */
  async follow(store: EventStore): Promise<Following> {
    return followInBatches(store, await this.checkpoint(), (events) => this.apply(events));
  }

  /** Open cases, by state, by the operator who last acted, and by desk (the territory it serves). Operators only. */
  async openCases(
    viewer: Viewer,
    filter: { readonly state?: string; readonly operator?: string; readonly desk?: Desk } = {},
    request: SortedPageRequest<CaseSort> = {},
  ): Promise<Page<CaseRow>> {
    this.operatorsOnly(viewer);
    const where = ["open = 1"];
    const params: unknown[] = [];
    if (filter.state !== undefined) {
      where.push("state = ?");
      params.push(filter.state);
    }
    if (filter.operator !== undefined) {
      where.push("operator = ?");
      params.push(filter.operator);
    }
    if (filter.desk !== undefined) {
      const { municipalities, areas } = filter.desk;
      if (municipalities.length < 1 || municipalities.length > MAX_DESK_ENTRIES)
        throw new RangeError(`a desk names 1..${MAX_DESK_ENTRIES} comuni`);
      where.push(`municipality IN (${placeholders(municipalities.length)})`);
      params.push(...municipalities);
      if (areas !== undefined) {
        if (areas.length < 1 || areas.length > MAX_DESK_ENTRIES)
          throw new RangeError(`a desk names 1..${MAX_DESK_ENTRIES} areas`);
        where.push(`area IN (${placeholders(areas.length)})`);
        params.push(...areas);
      }
    }
    return this.cases(CASE_COLUMNS, where, params, request);
  }

  /**
   * Cases waiting beyond `days` at `asOf`: applied and not screened, or screened and without a first interview.
   */
  async waiting(
    viewer: Viewer,
    filter: { readonly asOf: string; readonly days: number; readonly stage: "screening" | "firstInterview" },
    request: PageRequest = {},
  ): Promise<Page<CaseRow>> {
    this.operatorsOnly(viewer);
    const limit = addDays(filter.asOf, -filter.days);
    return filter.stage === "screening"
      ? this.cases(CASE_COLUMNS, ["open = 1", "state = 'applied'", "applied_on < ?"], [limit], {
          ...request,
          sort: "appliedOn",
        })
      : this.cases(CASE_COLUMNS, ["open = 1", "state = 'screened'", "screened_on < ?"], [limit], {
          ...request,
          sort: "appliedOn",
        });
  }

  /** Internships whose planned end falls within `days` from `asOf` (a company: only its own, in its own view). */
  async internshipsEnding(
    viewer: Viewer,
    filter: { readonly asOf: string; readonly days: number },
    request: PageRequest = {},
  ): Promise<Page<CaseRow | CompanyCaseRow>> {
    const where = ["state = 'internship'", "internship_end >= ?", "internship_end <= ?"];
    const params: unknown[] = [filter.asOf, addDays(filter.asOf, filter.days)];
    if (viewer.role === "company") {
      where.push("internship_company = ?");
      params.push(viewer.companyId);
    }
    return this.cases(viewer.role === "company" ? COMPANY_CASE_COLUMNS : CASE_COLUMNS, where, params, {
      ...request,
      sort: "internshipEnd",
    });
  }

  /** Placement proposals still awaiting an answer (a company: only those made to it, in its own view). */
  async pendingProposals(viewer: Viewer, request: PageRequest = {}): Promise<Page<CaseRow | CompanyCaseRow>> {
    const where = ["state = 'proposed'"];
    const params: unknown[] = [];
    if (viewer.role === "company") {
      where.push("proposal_company = ?");
      params.push(viewer.companyId);
    }
    return this.cases(viewer.role === "company" ? COMPANY_CASE_COLUMNS : CASE_COLUMNS, where, params, {
      ...request,
      sort: "proposedOn",
    });
  }

  /** Open opportunities of a company (a company: only its own, whatever it asks for). */
  async openOpportunities(
    viewer: Viewer,
    companyId: string,
    request: PageRequest = {},
  ): Promise<Page<OpportunityRow>> {
    const { limit, offset } = bounds(request);
    if (viewer.role === "company" && viewer.companyId !== companyId) return { items: [], next: null };
    const rows = await this.db.all<OpportunityRow>(
      `SELECT opportunity_id AS "opportunityId", company_id AS "companyId", kind, occupation_group AS "occupationGroup",
              positions, offered_on AS "offeredOn"
         FROM worklist_opportunities WHERE company_id = ? AND open = 1
         ORDER BY offered_on, opportunity_id LIMIT ? OFFSET ?`,
      [companyId, limit + 1, offset],
    );
    return page(
      rows.map((r) => ({ ...r, positions: Number(r.positions) })),
      limit,
      offset,
    );
  }

  /**
   * Follow-up contacts due by `asOf + days` (overdue ones included) and not yet recorded: 6 and 12 months after
   * each hiring. Operators only.
   */
  async followUpsDue(
    viewer: Viewer,
    filter: { readonly asOf: string; readonly days: number },
    request: PageRequest = {},
  ): Promise<Page<FollowUpRow>> {
    this.operatorsOnly(viewer);
    const { limit, offset } = bounds(request);
    const rows = await this.db.all<FollowUpRow>(
      `SELECT candidate_id AS "candidateId", company_id AS "companyId", hired_on AS "hiredOn", months, due_on AS "dueOn"
         FROM worklist_follow_ups WHERE done_on IS NULL AND due_on <= ?
         ORDER BY due_on, candidate_id, months LIMIT ? OFFSET ?`,
      [addDays(filter.asOf, filter.days), limit + 1, offset],
    );
    return page(
      rows.map((r) => ({ ...r, months: Number(r.months) })),
      limit,
      offset,
    );
  }

  /** Self-employment and social projects, by kind and state (the project pipeline). Operators only. */
  async projects(
    viewer: Viewer,
    filter: { readonly kind?: string; readonly state?: string } = {},
    request: SortedPageRequest<ProjectSort> = {},
  ): Promise<Page<ProjectRow>> {
    this.operatorsOnly(viewer);
    const { limit, offset } = bounds(request);
    const column = sortColumn(PROJECT_SORT, request.sort ?? "submittedOn");
    const direction = request.descending === true ? "DESC" : "ASC";
    const where = ["1 = 1"];
    const params: unknown[] = [];
    if (filter.kind !== undefined) {
      where.push("kind = ?");
      params.push(filter.kind);
    }
    if (filter.state !== undefined) {
      where.push("state = ?");
      params.push(filter.state);
    }
    const rows = await this.db.all<Record<keyof ProjectRow, string | number | null>>(
      `SELECT project_id AS "projectId", kind, state, promoters, requested_grant_cents AS "requestedGrantCents",
              granted_cents AS "grantedCents", jobs_created AS "jobsCreated", submitted_on AS "submittedOn",
              state_since AS "stateSince"
         FROM worklist_projects WHERE ${where.join(" AND ")}
         ORDER BY ${column} ${direction}, project_id ${direction} LIMIT ? OFFSET ?`,
      [...params, limit + 1, offset],
    );
    return page(
      rows.map((r) => ({
        projectId: String(r.projectId),
        kind: String(r.kind),
        state: String(r.state),
        promoters: Number(r.promoters),
        requestedGrantCents: Number(r.requestedGrantCents),
        grantedCents: r.grantedCents === null ? null : Number(r.grantedCents),
        jobsCreated: Number(r.jobsCreated),
        submittedOn: String(r.submittedOn),
        stateSince: String(r.stateSince),
      })),
      limit,
      offset,
    );
  }

  /** The project pipeline in numbers: projects by kind and state, and the jobs they created. Operators only. */
  async projectPipeline(
    viewer: Viewer,
  ): Promise<
    Readonly<Record<string, { readonly byState: Record<string, number>; readonly jobsCreated: number }>>
  > {
    this.operatorsOnly(viewer);
    const rows = await this.db.all<{
      kind: string;
      state: string;
      n: number | string;
      jobs: number | string;
    }>(
      `SELECT kind, state, COUNT(*) AS n, SUM(jobs_created) AS jobs FROM worklist_projects
        GROUP BY kind, state ORDER BY kind, state`,
    );
    const pipeline: Record<string, { byState: Record<string, number>; jobsCreated: number }> = {};
    for (const row of rows) {
      const kind = pipeline[row.kind] ?? { byState: {}, jobsCreated: 0 };
      pipeline[row.kind] = kind;
      kind.byState[row.state] = Number(row.n);
      kind.jobsCreated += Number(row.jobs);
    }
    return pipeline;
  }

  /**
   * A person's cases, by the keyed hash of the codice fiscale (the domain's `personKeyOf`): the code itself is
   * never stored. Operators only.
   */
  async casesOfPerson(viewer: Viewer, personKey: string, request: PageRequest = {}): Promise<Page<CaseRow>> {
    this.operatorsOnly(viewer);
    return this.cases(CASE_COLUMNS, ["person_key = ?"], [personKey], { ...request, sort: "appliedOn" });
  }

  /** The pipeline of cases: how many cases are in each state. Operators only. */
  async pipeline(viewer: Viewer): Promise<Readonly<Record<string, number>>> {
    this.operatorsOnly(viewer);
    const rows = await this.db.all<{ state: string; n: number | string }>(
      "SELECT state, COUNT(*) AS n FROM worklist_cases GROUP BY state ORDER BY state",
    );
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private operatorsOnly(viewer: Viewer): void {
    if (viewer.role !== "operator") throw new WorklistForbidden("this work list is for operators only");
  }

  private async cases<R>(
    columns: string,
    where: readonly string[],
    params: readonly unknown[],
    request: SortedPageRequest<CaseSort>,
  ): Promise<Page<R>> {
    const { limit, offset } = bounds(request);
    const column = sortColumn(CASE_SORT, request.sort ?? "appliedOn");
    const direction = request.descending === true ? "DESC" : "ASC";
    const rows = await this.db.all<R>(
      `SELECT ${columns} FROM worklist_cases WHERE ${where.join(" AND ")}
       ORDER BY ${column} ${direction}, candidate_id ${direction} LIMIT ? OFFSET ?`,
      [...params, limit + 1, offset],
    );
    return page(rows, limit, offset);
  }
}

/** A viewer asked for a list its role may not see. */
export class WorklistForbidden extends Error {
  override readonly name = "WorklistForbidden";
}
