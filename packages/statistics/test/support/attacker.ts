import { ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import type { RecordedEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import {
  buildReport,
  canonicalJson,
  determinedUnknowns,
  isSuppressed,
  type Release,
  type ReleaseCalendar,
  type Report,
  type ReportWindow,
  releasedPeriods,
  releaseFor,
  releaseWindow,
  StatisticsReplay,
} from "../../src/index.js";

/**
 * An attacker of the published reports. It knows the tables' structure (every published total is a sum of its
 * line), the relations between tables of the same population (written here from the domain's territory, not
 * taken from the library), and it holds every report the publication lets anyone obtain. It tries to pin a
 * withheld count by differencing two reports, by a linked sum, by linear algebra over every equation it knows,
 * and by the bounds every withheld count has (at least 1, since zeros are never withheld).
 */

/** What the attacker got from one release, and what was true (to judge the attacks). */
export interface ObtainedRelease {
  readonly release: Release;
  readonly published: Report;
  readonly raw: Report;
}

export interface AttackFigures {
  windowsTried: number;
  windowsAllowed: number;
  asOfTried: number;
  asOfAllowed: number;
  releases: number;
  releasePairs: number;
  overlappingPairs: number;
  differencedCells: number;
  republished: number;
  linkedRelations: number;
  lineSums: number;
  withheldCells: number;
  recovered: number;
  recoveries: string[];
}

export const emptyFigures = (): AttackFigures => ({
  windowsTried: 0,
  windowsAllowed: 0,
  asOfTried: 0,
  asOfAllowed: 0,
  releases: 0,
  releasePairs: 0,
  overlappingPairs: 0,
  differencedCells: 0,
  republished: 0,
  linkedRelations: 0,
  lineSums: 0,
  withheldCells: 0,
  recovered: 0,
  recoveries: [],
});

const reportOf = (events: readonly RecordedEvent[], window: ReportWindow, raw: boolean, minCell: number) => {
  const asOf = window.asOf;
  const replay = new StatisticsReplay().applyAll(
    asOf === null ? events : events.filter((e) => e.recordedAt <= asOf),
  );
  return buildReport(
    replay.snapshot(),
    {
      store: { kind: "memory", location: "attack" },
      lastPosition: replay.lastPosition,
      eventsReplayed: replay.eventsApplied,
      journalHash: { kind: "sha256-canonical-events", value: "0" },
    },
    {
      window,
      disclosure: raw ? { mode: "raw" } : { mode: "published", minCell },
      configuration: ILLUSTRATIVE_CONFIGURATION,
    },
  );
};

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Lengths (in days, minus one) of the windows tried from every day when not every window is tried. */
const NEAR_PERIODS = [
  0, 1, 2, 3, 4, 5, 6, 26, 27, 28, 29, 30, 31, 32, 88, 89, 90, 91, 92, 93, 363, 364, 365, 366, 367,
];

/**
 * Every request the attacker can think of, through the library's gate: every window of days (from, to) over the
 * history (with `exhaustive` false: from every day, the windows of a few days and of about a month, a quarter and
 * a year), and, for each allowed window, every instant around each recording (1 ms before, at, 1 ms after) and
 * each release instant. Only the releases pass; each one is then published from the events recorded by `now`
 * (the journal as it stood when the release was made) and from the complete history (a later request).
 */
export const obtainReleases = (
  events: readonly RecordedEvent[],
  calendar: ReleaseCalendar,
  now: string,
  figures: AttackFigures,
  exhaustive: boolean,
): ObtainedRelease[] => {
  const days = events.map((e) => e.occurredAt.slice(0, 10)).sort();
  const first = Date.parse(`${days[0] ?? calendar.start}T00:00:00Z`) - 40 * DAY_MS;
  const last = Date.parse(`${days.at(-1) ?? calendar.start}T00:00:00Z`) + 40 * DAY_MS;
  const allowed: Release[] = [];
  for (let from = first; from <= last; from += DAY_MS) {
    const ends = exhaustive
      ? Array.from({ length: Math.round((last - from) / DAY_MS) + 1 }, (_, k) => from + k * DAY_MS)
      : NEAR_PERIODS.map((k) => from + k * DAY_MS);
    for (const to of ends) {
      figures.windowsTried++;
      const r = releaseFor(calendar, { from: dayOf(from), to: dayOf(to), asOf: null }, now);
      if (E.isRight(r)) allowed.push(r.right);
    }
  }
  figures.windowsAllowed += allowed.length;
  const instants = new Set<string>();
  for (const e of events) {
    const t = Date.parse(e.recordedAt);
    for (const d of [-1, 0, 1]) instants.add(new Date(t + d).toISOString());
  }
  for (const r of releasedPeriods(calendar, now)) instants.add(r.releasedAt);
  const obtained: ObtainedRelease[] = [];
  for (const release of allowed) {
    for (const asOf of instants) {
      figures.asOfTried++;
      const r = releaseFor(calendar, { from: release.from, to: release.to, asOf }, now);
      if (E.isRight(r)) figures.asOfAllowed++;
    }
    const window = releaseWindow(release);
    const published = reportOf(events, window, false, calendar.minCell);
    obtained.push({ release, published, raw: reportOf(events, window, true, calendar.minCell) });
  }
  figures.releases += obtained.length;
  return obtained;
};

/**
 * Reports for any windows, bypassing the release calendar (what published mode allowed before it): the control
 * that shows the attacker's differencing recovers counts when reports are not confined to releases.
 */
export const obtainWindows = (
  events: readonly RecordedEvent[],
  windows: readonly (ReportWindow & { readonly id: string })[],
  minCell: number,
): ObtainedRelease[] =>
  windows.map((w) => ({
    release: {
      id: w.id,
      from: w.from ?? "0000-01-01",
      to: w.to ?? "9999-12-31",
      releasedAt: w.asOf ?? "9999",
    },
    published: reportOf(events, w, false, minCell),
    raw: reportOf(events, w, true, minCell),
  }));

/** A published value: its place, what was published (null: withheld) and the true count. */
interface Slot {
  readonly id: string;
  /** A derived value (a running total): an unknown in the equations, not itself a count to recover. */
  readonly derived: boolean;
  readonly published: number | null;
  readonly truth: number;
}

/** Σ plus − Σ minus = 0 over slots. */
interface Equation {
  readonly why: string;
  readonly plus: readonly string[];
  readonly minus: readonly string[];
}

const slotId = (statistic: string, table: string, row: string, column: string) =>
  `${statistic}/${table}/${row}/${column}`;

/** The attacker's reading of a release: every person-level value and every equation a table's layout gives. */
const readRelease = (obtained: ObtainedRelease): { slots: Map<string, Slot>; equations: Equation[] } => {
  const slots = new Map<string, Slot>();
  const equations: Equation[] = [];
  obtained.published.statistics.forEach((statistic, s) => {
    statistic.tables.forEach((table, t) => {
      if (table.disclosureRule !== "person-level") return;
      const truth = obtained.raw.statistics[s]?.tables[t];
      if (truth === undefined) throw new Error("raw and published reports differ in shape");
      const put = (row: string, column: string, cell: unknown, raw: unknown, derived = false) => {
        const id = slotId(statistic.id, table.key, row, column);
        slots.set(id, {
          id,
          derived,
          published: typeof cell === "number" ? cell : isSuppressed(cell as never) ? null : Number.NaN,
          truth: raw as number,
        });
        return id;
      };
      const counts = table.columns.flatMap((c, i) => (c.kind === "count" ? [i] : []));
      const rowIds: string[][] = [];
      const rowTotals: string[] = [];
      table.rows.forEach((row, r) => {
        const ids = counts.map((c) =>
          put(row.key, table.columns[c]?.key ?? "", row.cells[c], truth.rows[r]?.cells[c]),
        );
        rowIds.push(ids);
        if (row.total !== null) {
          const total = put(row.key, "total", row.total, truth.rows[r]?.total);
          rowTotals.push(total);
          equations.push({ why: `${table.key} row ${row.key}`, plus: ids, minus: [total] });
        }
      });
      const columnTotals: string[] = [];
      if (table.totals !== null) {
        counts.forEach((c, k) => {
          const total = put(
            "total",
            table.columns[c]?.key ?? "",
            table.totals?.cells[c],
            truth.totals?.cells[c],
          );
          columnTotals.push(total);
          equations.push({
            why: `${table.key} column ${table.columns[c]?.key}`,
            plus: rowIds.map((ids) => ids[k] as string),
            minus: [total],
          });
        });
        if (table.totals.total !== null) {
          const grand = put("total", "total", table.totals.total, truth.totals?.total);
          equations.push({ why: `${table.key} grand total by columns`, plus: columnTotals, minus: [grand] });
          equations.push({ why: `${table.key} grand total by rows`, plus: rowTotals, minus: [grand] });
        }
      }
      // A derived running total (the trend's "Cumulato") is the sum of the counts up to its row.
      table.columns.forEach((column, c) => {
        if (column.kind !== "derived") return;
        table.rows.forEach((row, r) => {
          const id = put(row.key, column.key, row.cells[c], truth.rows[r]?.cells[c], true);
          equations.push({
            why: `${table.key} ${column.key} ${row.key}`,
            plus: rowIds.slice(0, r + 1).map((ids) => ids[0] as string),
            minus: [id],
          });
        });
      });
    });
  });
  return { slots, equations };
};

const one = (statistic: string, table: string, row: string, column: string) =>
  slotId(statistic, table, row, column);
const tableTotal = (statistic: string, table: string, column: string) =>
  slotId(statistic, table, "total", column);

/** What the attacker knows about how tables of one report relate (each is checked against the truth). */
const relations = (): Equation[] => {
  const eq = (why: string, plus: string[], minus: string[]): Equation => ({ why, plus, minus });
  const applications = [
    tableTotal("applicationsTrend", "byMonth", "applications"),
    tableTotal("applicantsProfile", "education", "applicants"),
    tableTotal("applicantsProfile", "ageBand", "applicants"),
    tableTotal("applicantsProfile", "gender", "applicants"),
    tableTotal("referrers", "byReferrer", "total"),
    tableTotal("firstInterviewOutcomes", "cohort", "applications"),
  ];
  const placeable = [
    one("immediatelyPlaceable", "share", "immediately_placeable", "people"),
    tableTotal("immediatelyPlaceable", "education", "people"),
    tableTotal("immediatelyPlaceable", "ageBand", "people"),
    tableTotal("immediatelyPlaceable", "gender", "people"),
  ];
  const inTarget = [
    one("screeningOutcomes", "byOutcome", "in_target", "people"),
    tableTotal("territory", "byDistrict", "people"),
    tableTotal("territory", "byMunicipality", "people"),
    tableTotal("territory", "byQuartiere", "people"),
  ];
  const out: Equation[] = [];
  for (const group of [applications, placeable]) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++)
        out.push(eq("same total", [group[i] as string], [group[j] as string]));
  }
  out.push(eq("in target", [inTarget[0] as string], [inTarget[1] as string]));
  out.push(eq("in target", [inTarget[0] as string], [inTarget[2] as string]));
  const territory = ILLUSTRATIVE_CONFIGURATION.versions.at(-1)?.rules.territory;
  if (territory === undefined) throw new Error("the configuration has no version");
  const municipalities = territory.municipalities;
  const districts = new Set(municipalities.map((m) => m.district));
  for (const district of districts) {
    out.push(
      eq(
        `district ${district}`,
        [one("territory", "byDistrict", district, "people")],
        municipalities
          .filter((m) => m.district === district)
          .map((m) => one("territory", "byMunicipality", m.istat, "people")),
      ),
    );
  }
  out.push(
    eq(
      "outside",
      [one("territory", "byDistrict", "outside", "people")],
      [one("territory", "byMunicipality", "outside", "people")],
    ),
  );
  municipalities
    .filter((m) => m.areas.length > 0)
    .forEach((m, i) => {
      out.push(
        eq(
          `the areas of ${m.name}`,
          [one("territory", "byMunicipality", m.istat, "people")],
          [tableTotal("territory", i === 0 ? "byQuartiere" : `byQuartiere_${m.istat}`, "people")],
        ),
      );
    });
  return out;
};

const recover = (figures: AttackFigures, what: string) => {
  figures.recovered++;
  if (figures.recoveries.length < 20) figures.recoveries.push(what);
};

/** Linked sums, line sums, bounds and linear algebra inside one release. */
export const attackRelease = (obtained: ObtainedRelease, figures: AttackFigures): void => {
  const { slots, equations } = readRelease(obtained);
  const linked = relations();
  for (const relation of linked) {
    const truth = (ids: readonly string[]) =>
      ids.reduce((t, id) => {
        const slot = slots.get(id);
        if (slot === undefined) throw new Error(`${relation.why}: no value ${id}`);
        return t + slot.truth;
      }, 0);
    if (truth(relation.plus) !== truth(relation.minus))
      throw new Error(`the attacker's relation "${relation.why}" does not hold in ${obtained.release.id}`);
  }
  figures.linkedRelations += linked.length;
  const all = [...equations, ...linked];
  const where = `${obtained.release.id}`;
  // One missing term of a published sum (the comune a district's count minus its comuni gives back).
  for (const e of all) {
    figures.lineSums++;
    const hidden = [...e.plus, ...e.minus].filter((id) => slots.get(id)?.published === null);
    if (hidden.length === 1 && slots.get(hidden[0] as string)?.derived === false)
      recover(figures, `${where}: ${hidden[0]} from the line "${e.why}"`);
  }
  // Linear algebra over every equation, and the bounds of withheld counts (each at least 1).
  const unknowns = [...slots.values()].filter((s) => s.published === null).map((s) => s.id);
  figures.withheldCells += unknowns.filter((id) => slots.get(id)?.derived === false).length;
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows: number[][] = [];
  for (const e of all) {
    const row = new Array<number>(unknowns.length).fill(0);
    let constant = 0;
    for (const [ids, sign] of [
      [e.plus, 1],
      [e.minus, -1],
    ] as const) {
      for (const id of ids) {
        const k = column.get(id);
        if (k === undefined) constant -= sign * ((slots.get(id)?.published as number) ?? 0);
        else row[k] = (row[k] as number) + sign;
      }
    }
    if (row.every((x) => x === 0)) continue;
    rows.push(row);
    const members = row.filter((x) => x !== 0);
    const sameSign = members.every((x) => x === members[0]);
    if (sameSign && constant * (members[0] as number) === members.length) {
      recover(figures, `${where}: each of ${members.length} withheld values in "${e.why}" is 1`);
    }
  }
  determinedUnknowns(rows, unknowns.length).forEach((determined, k) => {
    if (determined && slots.get(unknowns[k] as string)?.derived === false)
      recover(figures, `${where}: ${unknowns[k]} by linear algebra`);
  });
  // A published share next to a withheld count gives the count back.
  const share = obtained.published.statistics
    .find((s) => s.id === "immediatelyPlaceable")
    ?.figures.find((f) => f.key === "immediatelyPlaceableShare");
  const placeable = slots.get(one("immediatelyPlaceable", "share", "immediately_placeable", "people"));
  const interviewed = slots.get(tableTotal("immediatelyPlaceable", "share", "people"));
  if (typeof share?.value === "number" && (placeable?.published === null || interviewed?.published === null))
    recover(figures, `${where}: a count from the published share`);
};

const nested = (a: ReportWindow, b: ReportWindow): boolean =>
  (a.from ?? "") >= (b.from ?? "") &&
  (a.to ?? "9999") <= (b.to ?? "9999") &&
  (a.asOf ?? "9999") <= (b.asOf ?? "9999");

const overlap = (a: Release, b: Release): boolean => a.from <= b.to && b.from <= a.to;

const windowOf = (r: Release): ReportWindow => ({ from: r.from, to: r.to, asOf: r.releasedAt });

/**
 * Differencing: every pair of releases, every value both publish. Where one report's population holds the
 * other's (nested windows and as-of instants), their difference counts the people in between: a difference from
 * 1 to minCell-1 is a recovered count. Releases whose periods overlap would share people: none may.
 */
export const attackAcrossReleases = (
  obtained: readonly ObtainedRelease[],
  minCell: number,
  figures: AttackFigures,
): void => {
  const read = obtained.map((o) => readRelease(o).slots);
  for (let i = 0; i < obtained.length; i++) {
    for (let j = 0; j < obtained.length; j++) {
      if (i === j) continue;
      const a = obtained[i] as ObtainedRelease;
      const b = obtained[j] as ObtainedRelease;
      const inside = nested(windowOf(a.release), windowOf(b.release));
      if (i < j) {
        figures.releasePairs++;
        if (overlap(a.release, b.release)) {
          figures.overlappingPairs++;
          recover(figures, `${a.release.id} and ${b.release.id} share people`);
        }
      }
      for (const [id, sa] of read[i] as Map<string, Slot>) {
        const sb = (read[j] as Map<string, Slot>).get(id);
        if (sb === undefined || sa.published === null || sb.published === null) continue;
        figures.differencedCells++;
        const d = sb.published - sa.published;
        if (inside && d > 0 && d < minCell)
          recover(figures, `${id}: ${b.release.id} − ${a.release.id} = ${d}`);
      }
    }
  }
};

/** A release asked for again after more recordings (or by anyone, any time later) is the same report. */
export const attackRepublication = (
  obtained: readonly ObtainedRelease[],
  events: readonly RecordedEvent[],
  minCell: number,
  figures: AttackFigures,
): void => {
  for (const o of obtained) {
    figures.republished++;
    const releasedThen = events.filter((e) => e.recordedAt <= o.release.releasedAt);
    const then = reportOf(releasedThen, releaseWindow(o.release), false, minCell);
    if (canonicalJson(then.statistics) !== canonicalJson(o.published.statistics))
      recover(figures, `${o.release.id} changed after its release instant`);
  }
};

/** Every attack on one history under one calendar. */
export const attackPublication = (
  events: readonly RecordedEvent[],
  calendar: ReleaseCalendar,
  now: string,
  figures: AttackFigures,
  exhaustive: boolean,
): void => {
  const obtained = obtainReleases(events, calendar, now, figures, exhaustive);
  for (const o of obtained) attackRelease(o, figures);
  attackAcrossReleases(obtained, calendar.minCell, figures);
  attackRepublication(obtained, events, calendar.minCell, figures);
};
