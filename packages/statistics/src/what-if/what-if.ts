import {
  type ConfigurationRef,
  candidateStream,
  domainRegistry,
  type EventData,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import type { EventDecodeError, EventStore, RecordedEvent } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { type DecidedUnderState, decidedUnderList, decidedUnderProjection } from "../decided-under.js";
import { StatisticsReplay } from "../replay.js";
import { buildReport, labellingVersion } from "../report/build-report.js";
import type { Cell, Report, Table } from "../report/model.js";
import { rejudgeApplication, rejudgeScreening } from "./rejudge.js";

export const WHAT_IF_FORMAT = "insieme-whatif/1" as const;

/** One compared cell: the count the history gives, and the count it would give under the other configuration. */
export interface ComparedCell {
  readonly current: Cell;
  readonly whatIf: Cell;
}

export interface ComparedTable {
  readonly key: string;
  readonly title: string;
  readonly rowHeader: string;
  readonly columns: readonly { readonly key: string; readonly label: string }[];
  readonly rows: readonly {
    readonly key: string;
    readonly label: string;
    readonly cells: readonly ComparedCell[];
  }[];
  readonly changedCells: number;
}

export interface ComparedStatistic {
  readonly id: string;
  readonly title: string;
  readonly tables: readonly ComparedTable[];
  readonly figures: readonly { readonly key: string; readonly label: string; readonly value: ComparedCell }[];
  readonly changedCells: number;
}

export interface ScreeningJudgement {
  readonly outcome: string;
  readonly notInTargetReason: string | null;
  readonly indexPermille: number | null;
}

/** A person whose screening category would change (pseudonymous ids only: for authorised staff). */
export interface MovedPerson {
  readonly personId: string;
  readonly candidateId: string;
  readonly screenedOn: string;
  readonly current: ScreeningJudgement;
  readonly whatIf: ScreeningJudgement;
  /** The case's later events (interview, paths) left out of the what-if history: screened out, it would have stopped. */
  readonly laterEventsLeftOut: number;
}

export interface UnjudgedCase {
  readonly personId: string | null;
  readonly candidateId: string;
  readonly reason: string;
}

export interface WhatIfResult {
  readonly format: typeof WHAT_IF_FORMAT;
  readonly configuration: {
    /** The versions the history was decided under. */
    readonly current: readonly (ConfigurationRef & { readonly events: number })[];
    /** The versions of the other configuration; the comparison is labelled with `labelledBy`. */
    readonly whatIf: readonly ConfigurationRef[];
    readonly labelledBy: ConfigurationRef;
  };
  readonly eventsReplayed: number;
  /** Every cell of every statistic (raw counts: the what-if is for authorised staff, never published). */
  readonly statistics: readonly ComparedStatistic[];
  readonly changedCells: number;
  readonly moved: readonly MovedPerson[];
  readonly cannotJudge: readonly UnjudgedCase[];
}

export interface WhatIfOptions {
  readonly onProgress?: (events: number) => void;
  readonly progressEvery?: number;
}

const judgement = (d: EventData<"CandidateScreened">): ScreeningJudgement => ({
  outcome: d.outcome,
  notInTargetReason: d.notInTargetReason,
  indexPermille: d.profiling?.indexPermille ?? null,
});

const sameCell = (a: Cell, b: Cell): boolean =>
  typeof a === "number" && typeof b === "number" ? a === b : typeof a === typeof b;

const compareTables = (current: Table, whatIf: Table): ComparedTable => {
  let changed = 0;
  const rows = current.rows.map((row, r) => ({
    key: row.key,
    label: row.label,
    cells: row.cells.map((cell, c) => {
      const other = whatIf.rows[r]?.cells[c] ?? 0;
      if (!sameCell(cell, other)) changed++;
      return { current: cell, whatIf: other };
    }),
  }));
  return {
    key: current.key,
    title: current.title,
    rowHeader: current.rowHeader,
    columns: current.columns.map((c) => ({ key: c.key, label: c.label })),
    rows,
    changedCells: changed,
  };
};

/** Cell by cell, the report of the history against the report of the what-if history (same labels, same rows). */
export const compareReports = (current: Report, whatIf: Report): ComparedStatistic[] =>
  current.statistics.map((s, i) => {
    const other = whatIf.statistics[i];
    const tables = s.tables.map((t, k) => compareTables(t, other?.tables[k] ?? t));
    const figures = s.figures.map((f, k) => ({
      key: f.key,
      label: f.label,
      value: { current: f.value, whatIf: other?.figures[k]?.value ?? f.value },
    }));
    const changedCells =
      tables.reduce((n, t) => n + t.changedCells, 0) +
      figures.filter((f) => !sameCell(f.value.current, f.value.whatIf)).length;
    return { id: s.id, title: s.title, tables, figures, changedCells };
  });

/**
 * Replays a store's history twice in one pass — as it was decided, and as `configuration` would have decided it —
 * and compares every statistic. Writes nothing. Each screening is decided again by the candidate decider under
 * the version of `configuration` in force on its date, from what the screening recorded; a person screened out
 * under the other rules would have stopped there, so their case's later events are left out of the what-if
 * history (events on other streams, such as a company's or the fund's, stay). Applications the other rules would
 * refuse, and screenings they cannot decide from what was recorded, are listed and left as they were.
 */
export const whatIfFromStore = async (
  store: EventStore,
  configuration: ProgrammeConfiguration,
  options: WhatIfOptions = {},
): Promise<Either<EventDecodeError, WhatIfResult>> => {
  const current = new StatisticsReplay();
  const whatIf = new StatisticsReplay();
  /** Applications not screened yet (personal data dropped): memory bounded by open applications. */
  const open = new Map<string, EventData<"CandidateApplied">>();
  const stopped = new Map<string, MovedPerson>();
  const moved: MovedPerson[] = [];
  const cannotJudge: UnjudgedCase[] = [];
  const every = options.progressEvery ?? 10_000;
  let events = 0;
  for await (const stored of store.readAll()) {
    const decoded = domainRegistry.decodeRecorded(stored);
    if (E.isLeft(decoded)) return decoded;
    const event: RecordedEvent = decoded.right;
    current.apply(event);
    events++;
    if (options.onProgress !== undefined && events % every === 0) options.onProgress(events);
    if (event.type === "CandidateApplied") {
      const data = event.data as EventData<"CandidateApplied">;
      open.set(data.candidateId, data);
      const refused = rejudgeApplication(configuration, data);
      if (refused !== null)
        cannotJudge.push({ personId: data.personId, candidateId: data.candidateId, reason: refused });
      whatIf.apply(event);
      continue;
    }
    if (event.type === "CandidateScreened") {
      const data = event.data as EventData<"CandidateScreened">;
      const applied = open.get(data.candidateId);
      open.delete(data.candidateId);
      if (applied === undefined) {
        cannotJudge.push({
          personId: null,
          candidateId: data.candidateId,
          reason: "no application before the screening",
        });
        whatIf.apply(event);
        continue;
      }
      const judged = rejudgeScreening(configuration, applied, data, event.occurredAt.slice(0, 10));
      if (judged.kind === "cannot-judge") {
        cannotJudge.push({
          personId: applied.personId,
          candidateId: data.candidateId,
          reason: judged.reason,
        });
        whatIf.apply(event);
        continue;
      }
      if (judged.data.outcome !== data.outcome || judged.data.notInTargetReason !== data.notInTargetReason) {
        const person: MovedPerson = {
          personId: applied.personId,
          candidateId: data.candidateId,
          screenedOn: event.occurredAt.slice(0, 10),
          current: judgement(data),
          whatIf: judgement(judged.data),
          laterEventsLeftOut: 0,
        };
        moved.push(person);
        if (data.outcome === "in_target" && judged.data.outcome !== "in_target")
          stopped.set(data.candidateId, person);
      }
      whatIf.apply({ ...event, data: { ...judged.data, configuration: judged.decidedUnder } });
      continue;
    }
    const candidateId = (event.data as { candidateId?: unknown }).candidateId;
    const person = typeof candidateId === "string" ? stopped.get(candidateId) : undefined;
    if (person !== undefined && event.streamId === candidateStream(person.candidateId)) {
      (person as { laterEventsLeftOut: number }).laterEventsLeftOut++;
      continue;
    }
    whatIf.apply(event);
  }
  const window = { from: null, to: null, asOf: null };
  const source = {
    store: store.describe(),
    lastPosition: current.lastPosition,
    eventsReplayed: events,
    journalHash: { kind: "sha256-canonical-events" as const, value: "" },
  };
  const reportOptions = { window, disclosure: { mode: "raw" as const }, configuration };
  const currentReport = buildReport(current.snapshot(), source, reportOptions);
  const whatIfReport = buildReport(whatIf.snapshot(), source, reportOptions);
  const statistics = compareReports(currentReport, whatIfReport);
  const decided = current.snapshot()[decidedUnderProjection.name] as DecidedUnderState;
  return E.right({
    format: WHAT_IF_FORMAT,
    configuration: {
      current: decidedUnderList(decided).map((v) => ({ ...v })),
      whatIf: configuration.versions.map((v) => v.ref),
      labelledBy: labellingVersion(configuration, window).ref,
    },
    eventsReplayed: events,
    statistics,
    changedCells: statistics.reduce((n, s) => n + s.changedCells, 0),
    moved,
    cannotJudge,
  });
};
