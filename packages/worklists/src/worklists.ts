import type { EventStore, RecordedEvent } from "@insieme/kernel";
import { applyEvent } from "./apply-event.js";
import { clearWorklists, createWorklistTables } from "./schema.js";
import type { SqlDatabase } from "./sql-database.js";

const CHECKPOINT = "worklists";
/** Events applied per transaction while catching up (the checkpoint moves with each batch). */
const BATCH = 500;

/** Who asks: a company sees only what concerns it (its proposals, internships and opportunities). */
export type Viewer = { readonly role: "operator" } | { readonly role: "company"; readonly companyId: string };

export interface Page<T> {
  readonly items: readonly T[];
  /** Offset of the next page, or null when this is the last. */
  readonly next: number | null;
}

export interface PageRequest {
  readonly limit?: number;
  readonly offset?: number;
}

export interface CaseRow {
  readonly candidateId: string;
  readonly state: string;
  readonly operator: string;
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

export interface OpportunityRow {
  readonly opportunityId: string;
  readonly companyId: string;
  readonly kind: string;
  readonly occupationGroup: string;
  readonly positions: number;
  readonly offeredOn: string;
}

const CASE_COLUMNS = `candidate_id AS "candidateId", state, operator, applied_on AS "appliedOn",
  screened_on AS "screenedOn", interviewed_on AS "interviewedOn", proposal_id AS "proposalId",
  proposal_company AS "proposalCompany", proposed_on AS "proposedOn", internship_id AS "internshipId",
  internship_company AS "internshipCompany", internship_end AS "internshipEnd"`;

/** Sort keys a caller may name, mapped to columns (never interpolated from input). */
const CASE_SORT = {
  appliedOn: "applied_on",
  candidateId: "candidate_id",
  state: "state",
  internshipEnd: "internship_end",
  proposedOn: "proposed_on",
} as const;
export type CaseSort = keyof typeof CASE_SORT;

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const page = <T>(rows: T[], limit: number, offset: number): Page<T> => ({
  items: rows.slice(0, limit),
  next: rows.length > limit ? offset + limit : null,
});

const bounds = (request: PageRequest): { limit: number; offset: number } => {
  const limit = request.limit ?? 50;
  const offset = request.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new RangeError("limit must be 1..500");
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError("offset must be a natural number");
  return { limit, offset };
};

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

  /** Applies events (in global order, after the checkpoint) in one transaction with the new checkpoint. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.transaction(async (tx) => {
      const rows = await tx.all<{ position: number | string | null }>(
        "SELECT position FROM worklist_checkpoint WHERE name = ?",
        [CHECKPOINT],
      );
      const at = rows[0]?.position;
      const from = at === undefined || at === null ? -1 : Number(at);
      let last = from;
      for (const event of events) {
        if (event.position <= last) continue; // already applied: exactly once
        await applyEvent(tx, event);
        last = event.position;
      }
      await tx.run(
        `INSERT INTO worklist_checkpoint (name, position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [CHECKPOINT, last],
      );
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

  /** Follows the store live (a catch-up subscription from the checkpoint) until the returned stop is called. */
  async follow(store: EventStore): Promise<{ stop: () => Promise<void>; done: Promise<void> }> {
    const subscription = store.subscribe({ after: await this.checkpoint() });
    const done = (async () => {
      for await (const message of subscription) {
        if (message.kind === "event") await this.apply([message.event]);
      }
    })();
    return {
      stop: async () => {
        await subscription.close();
        await done;
      },
      done,
    };
  }

  /** Open cases, by state and/or operator. Operators only. */
  async openCases(
    viewer: Viewer,
    filter: { readonly state?: string; readonly operator?: string } = {},
    request: PageRequest & { readonly sort?: CaseSort; readonly descending?: boolean } = {},
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
    return this.cases(where, params, request);
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
      ? this.cases(["open = 1", "state = 'applied'", "applied_on < ?"], [limit], {
          ...request,
          sort: "appliedOn",
        })
      : this.cases(["open = 1", "state = 'screened'", "screened_on < ?"], [limit], {
          ...request,
          sort: "appliedOn",
        });
  }

  /** Internships whose planned end falls within `days` from `asOf` (a company: only its own). */
  async internshipsEnding(
    viewer: Viewer,
    filter: { readonly asOf: string; readonly days: number },
    request: PageRequest = {},
  ): Promise<Page<CaseRow>> {
    const where = ["state = 'internship'", "internship_end >= ?", "internship_end <= ?"];
    const params: unknown[] = [filter.asOf, addDays(filter.asOf, filter.days)];
    if (viewer.role === "company") {
      where.push("internship_company = ?");
      params.push(viewer.companyId);
    }
    return this.cases(where, params, { ...request, sort: "internshipEnd" });
  }

  /** Placement proposals still awaiting an answer (a company: only those made to it). */
  async pendingProposals(viewer: Viewer, request: PageRequest = {}): Promise<Page<CaseRow>> {
    const where = ["state = 'proposed'"];
    const params: unknown[] = [];
    if (viewer.role === "company") {
      where.push("proposal_company = ?");
      params.push(viewer.companyId);
    }
    return this.cases(where, params, { ...request, sort: "proposedOn" });
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
   * A person's cases, by the keyed hash of the codice fiscale (the domain's `personKeyOf`): the code itself is
   * never stored. Operators only.
   */
  async casesOfPerson(viewer: Viewer, personKey: string, request: PageRequest = {}): Promise<Page<CaseRow>> {
    this.operatorsOnly(viewer);
    return this.cases(["person_key = ?"], [personKey], { ...request, sort: "appliedOn" });
  }

  /** The pipeline: how many cases are in each state. Operators only. */
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

  private async cases(
    where: readonly string[],
    params: readonly unknown[],
    request: PageRequest & { readonly sort?: CaseSort; readonly descending?: boolean },
  ): Promise<Page<CaseRow>> {
    const { limit, offset } = bounds(request);
    const column = CASE_SORT[request.sort ?? "appliedOn"];
    if (column === undefined) throw new RangeError("unknown sort key");
    const direction = request.descending === true ? "DESC" : "ASC";
    const rows = await this.db.all<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM worklist_cases WHERE ${where.join(" AND ")}
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
