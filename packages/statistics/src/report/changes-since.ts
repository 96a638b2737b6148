import { domainRegistry, type ProgrammeConfiguration } from "@insieme/domain";
import type { EventDecodeError, EventStore } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { StatisticsReplay } from "../replay.js";
import { STATISTICS } from "../statistics.js";
import { rawStatisticReader } from "./build-report.js";
import { type Cell, provenanceSchema, REPORT_FORMAT, type Report, statisticSchema } from "./model.js";

/**
 * An earlier report as read back from its JSON file: the report schema, with statistic ids left open so that a
 * report of an earlier library version (with fewer statistics) is still read.
 */
export const earlierReportSchema = z
  .object({
    format: z.literal(REPORT_FORMAT),
    title: z.string(),
    provenance: provenanceSchema,
    statistics: z.array(statisticSchema.extend({ id: z.string() })),
  })
  .strict();
export type EarlierReport = z.infer<typeof earlierReportSchema>;

/** The records behind a change: how many events of each kind. */
export interface ChangeCauses {
  readonly corrections: number;
  readonly lateRecords: number;
  readonly newRecords: number;
  readonly erasures: 0;
}

/**
 * One published value that changed: a cell, a row's total (`column` "total") or the "Totale" row's, with the
 * records that changed it (`changesSince`: each event recorded after the earlier report that changed this value
 * when it was applied, by kind; a value derived from others — a total, a cumulative count — names the records
 * behind the counts it is derived from).
 */
export interface CellChange {
  readonly table: string;
  readonly row: string;
  readonly column: string;
  /** `*` for a withheld value, null where the earlier (later) report had no such value. */
  readonly old: number | "*" | null;
  readonly new: number | "*" | null;
  readonly corrections?: number;
  readonly lateRecords?: number;
  readonly newRecords?: number;
  readonly erasures?: 0;
}

/**
 * What changed in one statistic, and the records behind the change: the events recorded after the earlier report
 * (global position after its `lastPosition`) that changed at least one of its values when applied —
 * `corrections` (`FactCorrected`), `lateRecords` (facts that happened by the earlier report's cut — its `asOf`, or
 * the time its last event was recorded — but were recorded after it) and `newRecords` (the rest). A record that
 * changed none of its values is not behind its changes (a correction of a birth year is not behind the trend of
 * applications). `erasures` is always 0: an erasure destroys a person's key, writes no event and changes no count.
 */
export interface StatisticChanges {
  readonly id: string;
  readonly changes: readonly CellChange[];
  readonly corrections: number;
  readonly lateRecords: number;
  readonly newRecords: number;
  readonly erasures: 0;
}

export interface ChangesReport {
  readonly format: "insieme-changes/1";
  readonly since: { readonly lastPosition: number | null; readonly cut: string | null };
  readonly now: { readonly lastPosition: number | null };
  readonly statistics: readonly StatisticChanges[];
}

const publishedValue = (cell: Cell | null | undefined): number | "*" | null =>
  cell === undefined || cell === null ? null : typeof cell === "number" ? cell : "*";

type AnyStatistic = { readonly id: string; readonly tables: Report["statistics"][number]["tables"] };

/** Every published value of a statistic, keyed `table/row/column`. */
const valuesOf = (statistic: Pick<AnyStatistic, "tables"> | undefined): Map<string, number | "*" | null> => {
  const out = new Map<string, number | "*" | null>();
  for (const table of statistic?.tables ?? []) {
    const rows = [...table.rows, ...(table.totals === null ? [] : [table.totals])];
    for (const row of rows) {
      table.columns.forEach((column, i) => {
        out.set(`${table.key}/${row.key}/${column.key}`, publishedValue(row.cells[i]));
      });
      if (row.total !== null) out.set(`${table.key}/${row.key}/total`, publishedValue(row.total));
    }
  }
  return out;
};

/** The values that differ between two reports of one statistic. */
export const cellChanges = (
  before: AnyStatistic | undefined,
  after: AnyStatistic | undefined,
): CellChange[] => {
  const old = valuesOf(before);
  const now = valuesOf(after);
  const changes: CellChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(key) ?? null;
    const b = now.get(key) ?? null;
    if (a === b) continue;
    const [table = "", row = "", column = ""] = key.split("/");
    changes.push({ table, row, column, old: a, new: b });
  }
  return changes;
};

/** The event types each statistic reads (its projection's handlers), a correction included. */
const typesRead = (): Map<string, ReadonlySet<string>> =>
  new Map(STATISTICS.map((s) => [s.id as string, new Set(Object.keys(s.projection.handlers))]));

type Kind = "corrections" | "lateRecords" | "newRecords";
type Counts = { corrections: number; lateRecords: number; newRecords: number };
const noCounts = (): Counts => ({ corrections: 0, lateRecords: 0, newRecords: 0 });

/**
 * Compares `now` with an earlier raw report of the same store and window, and names the records behind each
 * change, in one pass over the log: the statistics are replayed up to the earlier report's `lastPosition`, then
 * each later event (up to `now`'s) is applied on its own, and every value of the statistics it touches that it
 * changed is charged to its kind — a correction (`FactCorrected`), a late record (a fact that happened by the
 * earlier report's cut — its `asOf`, or the time its last event was recorded — but was recorded after it) or a new
 * record. Per statistic, each record that changed at least one of its values is counted once. `configuration` is
 * the one `now` was made with (its labels and territory). Memory: the statistics' states and the values of one statistic.
 */
export const changesSince = async (
  store: EventStore,
  earlier: EarlierReport,
  now: Report,
  configuration: ProgrammeConfiguration,
): Promise<Either<EventDecodeError, ChangesReport>> => {
  const since = earlier.provenance.lastPosition;
  const until = now.provenance.lastPosition;
  const cutEvent = since === null ? null : await recordedAtOf(store, since);
  const cut = earlier.provenance.window.asOf ?? cutEvent;
  const reads = typesRead();
  const counts = new Map<string, Counts>();
  for (const id of reads.keys()) counts.set(id, noCounts());
  /** Per statistic, per value (`table/row/column`), the records that changed it. */
  const causes = new Map<string, Map<string, Counts>>();
  const window = { ...earlier.provenance.window, asOf: now.provenance.window.asOf };
  const read = rawStatisticReader(configuration, window);
  const replay = new StatisticsReplay();
  /** The statistics' values as they stand, computed when an event first touches them. */
  const current = new Map<string, Map<string, number | "*" | null>>();
  const valuesNow = (definition: (typeof STATISTICS)[number]) =>
    valuesOf({ tables: read(definition, replay.snapshot()) });
  if (until !== null && (since === null || until > since)) {
    for await (const stored of store.readAll()) {
      if (stored.position > until) break;
      const decoded = domainRegistry.decodeRecorded(stored);
      if (E.isLeft(decoded)) return decoded;
      const event = decoded.right;
      if (since !== null && stored.position <= since) {
        replay.apply(event);
        continue;
      }
      const kind: Kind =
        event.type === "FactCorrected"
          ? "corrections"
          : cut !== null && event.occurredAt <= cut
            ? "lateRecords"
            : "newRecords";
      const touched = STATISTICS.filter((d) => reads.get(d.id)?.has(event.type) === true);
      for (const d of touched) if (!current.has(d.id)) current.set(d.id, valuesNow(d));
      replay.apply(event);
      for (const d of touched) {
        const before = current.get(d.id) ?? new Map();
        const after = valuesNow(d);
        current.set(d.id, after);
        let changed = false;
        for (const key of new Set([...before.keys(), ...after.keys()])) {
          if ((before.get(key) ?? null) === (after.get(key) ?? null)) continue;
          changed = true;
          let cells = causes.get(d.id);
          if (cells === undefined) {
            cells = new Map();
            causes.set(d.id, cells);
          }
          const cell = cells.get(key) ?? noCounts();
          cell[kind]++;
          cells.set(key, cell);
        }
        const c = counts.get(d.id);
        if (changed && c !== undefined) c[kind]++;
      }
    }
  }
  const statistics = now.statistics.map((s) => {
    const c = counts.get(s.id) ?? noCounts();
    const cells = causes.get(s.id);
    return {
      id: s.id,
      changes: cellChanges(
        earlier.statistics.find((e) => e.id === s.id),
        s,
      ).map((change) => ({
        ...change,
        ...(cells?.get(`${change.table}/${change.row}/${change.column}`) ?? noCounts()),
        erasures: 0 as const,
      })),
      ...c,
      erasures: 0 as const,
    };
  });
  return E.right({
    format: "insieme-changes/1",
    since: { lastPosition: since, cut },
    now: { lastPosition: until },
    statistics,
  });
};

/** When the event at `position` was recorded (the earlier report's cut when it has no `asOf`). */
const recordedAtOf = async (store: EventStore, position: number): Promise<string | null> => {
  for await (const e of store.readAll({ after: position - 1, maxCount: 1 })) return e.recordedAt;
  return null;
};

/** The changes as lines for a terminal. */
export const renderChangesText = (changes: ChangesReport): string => {
  const lines = [
    `changes since position ${changes.since.lastPosition ?? "none"} (cut ${changes.since.cut ?? "none"}) to position ${changes.now.lastPosition ?? "none"}`,
  ];
  const show = (v: number | "*" | null) => (v === null ? "—" : String(v));
  for (const s of changes.statistics) {
    if (s.changes.length === 0) continue;
    lines.push(
      `${s.id}: ${s.changes.length} values changed; behind them: ${s.corrections} corrections, ${s.lateRecords} late records, ${s.newRecords} new records, ${s.erasures} erasures`,
    );
    for (const c of s.changes)
      lines.push(
        `  ${c.table} / ${c.row} / ${c.column}: ${show(c.old)} → ${show(c.new)} (${c.corrections ?? 0} corrections, ${c.lateRecords ?? 0} late records, ${c.newRecords ?? 0} new records, ${c.erasures ?? 0} erasures)`,
      );
  }
  return `${lines.join("\n")}\n`;
};
