import { ContractType, type EventData } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { type CorrectedFact, onCorrections } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import type { CountTable } from "../disclosure/disclosure.js";
import {
  type FactsState,
  factsIn,
  KeyedFacts,
  KeyedLists,
  type ListsState,
  listsIn,
  setAtRevision,
} from "../keyed-facts.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

/**
 * How many placements last: every hiring (`CandidateHired`, placed in a period by its date) by whether the person
 * was still in post with the same employer 6 and 12 months after it. A milestone follow-up
 * (`PlacementFollowUpRecorded` `month_6` / `month_12`) says so; without one, a `ContractEnded` before the
 * milestone means not in post; otherwise the status is not known (not recorded, person unreachable, or not due yet).
 */
export interface PlacementDurabilityState {
  /** Per hiring (`candidateId|companyId|hiredOn`): its code (see `codeOf`). */
  hires: FactsState;
  /** Per hiring: its day code (the bucket it is counted in). */
  hireDays: FactsState;
  /**
   * Per hiring with a contract end or a milestone follow-up: those facts as (revision, code) pairs in the
   * candidate's stream order (see `afterCode`). The statuses are read from them, so a corrected or voided one
   * changes the hiring's row.
   */
  after: ListsState;
  /** Per day of hiring, per contract type and per path: hirings by status at 6 and at 12 months. */
  days: DayBuckets;
}

export const DURABILITY_PATHS = ["after_internship", "direct"] as const;
const PATH_LABELS: Record<(typeof DURABILITY_PATHS)[number], string> = {
  after_internship: "Dopo un tirocinio",
  direct: "Assunzione diretta",
};

/** Status at a milestone: 0 not known, 1 in post (same employer), 2 not in post. */
const UNKNOWN = 0;
const IN_POST = 1;
const NOT_IN_POST = 2;
export const STATUS_COLUMNS = [
  { key: "inPost", label: "Ancora in forza presso lo stesso datore" },
  { key: "notInPost", label: "Non più in forza" },
  { key: "unknown", label: "Non noto" },
] as const;
const STATUS_SLOT = [2, 0, 1]; // column of each status code (unknown last)

const CONTRACT = indexOf(ContractType.options);
const CONTRACTS = ContractType.options.length;
const PATHS = DURABILITY_PATHS.length;
/** Slots per day: [contract rows then path rows] × [6 months: 3 statuses, 12 months: 3 statuses]. */
const ROW = 6;
const WIDTH = (CONTRACTS + PATHS) * ROW;

/** A hiring as counted: contract and path slots, status at 6 and 12 months, and whether a follow-up set it. */
interface Hire {
  contract: number;
  path: number;
  s6: number;
  f6: boolean;
  s12: number;
  f12: boolean;
}
const encode = (h: Hire): number =>
  ((((h.contract * PATHS + h.path) * 3 + h.s6) * 2 + (h.f6 ? 1 : 0)) * 3 + h.s12) * 2 + (h.f12 ? 1 : 0);
const decode = (code: number): Hire => {
  let c = code;
  const f12 = c % 2 === 1;
  c = Math.floor(c / 2);
  const s12 = c % 3;
  c = Math.floor(c / 3);
  const f6 = c % 2 === 1;
  c = Math.floor(c / 2);
  const s6 = c % 3;
  c = Math.floor(c / 3);
  const path = c % PATHS;
  const contract = Math.floor(c / PATHS);
  return { contract, path, s6, f6, s12, f12 };
};

const keyOf = (candidateId: string, companyId: string, hiredOn: string): string =>
  `${candidateId}|${companyId}|${hiredOn}`;

/** Adds `delta` to the hiring's slots in its day bucket. */
const count = (state: PlacementDurabilityState, day: number, h: Hire, delta: number): void => {
  const slots = bucket(state.days, day, WIDTH);
  for (const row of [h.contract, CONTRACTS + h.path]) {
    const at6 = row * ROW + (STATUS_SLOT[h.s6] as number);
    const at12 = row * ROW + 3 + (STATUS_SLOT[h.s12] as number);
    slots[at6] = (slots[at6] as number) + delta;
    slots[at12] = (slots[at12] as number) + delta;
  }
};

const update = (state: PlacementDurabilityState, key: string, change: (h: Hire) => Hire): void => {
  const hires = factsIn(state, "hires");
  const code = hires.get(key);
  const day = factsIn(state, "hireDays").get(key);
  if (code === undefined || day === undefined) return;
  const before = decode(code);
  const after = change(before);
  const next = encode(after);
  if (next === code) return;
  count(state, day, before, -1);
  count(state, day, after, 1);
  hires.set(key, next);
};

const onHired = (state: PlacementDurabilityState, event: RecordedEvent): PlacementDurabilityState => {
  const d = event.data as EventData<"CandidateHired">;
  const key = keyOf(d.candidateId, d.companyId, d.hiredOn);
  const hires = factsIn(state, "hires");
  if (hires.has(key)) return state;
  const hire: Hire = {
    contract: CONTRACT.get(d.contractType) as number,
    path: d.internshipId === null ? 1 : 0,
    s6: UNKNOWN,
    f6: false,
    s12: UNKNOWN,
    f12: false,
  };
  const day = dayCodeOf(event.occurredAt);
  hires.set(key, encode(hire));
  factsIn(state, "hireDays").set(key, day);
  count(state, day, hire, 1);
  return state;
};

/** The date `months` months after `date` (YYYY-MM-DD) as a comparable string, the day clamped to the month. */
const monthsAfter = (date: string, months: number): string => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

/**
 * What a fact after the hiring says, as a code: a contract end 0–3 (+1 ended before 6 months, +2 before 12), a
 * follow-up at 6 months 4 + status, at 12 months 7 + status; null for a contact follow-up (no milestone).
 */
const afterCode = (event: RecordedEvent): number | null => {
  if (event.type === "ContractEnded") {
    const d = event.data as EventData<"ContractEnded">;
    return (d.endedOn < monthsAfter(d.hiredOn, 6) ? 1 : 0) + (d.endedOn < monthsAfter(d.hiredOn, 12) ? 2 : 0);
  }
  const d = event.data as EventData<"PlacementFollowUpRecorded">;
  if (d.milestone === "contact") return null;
  const status =
    d.employmentStatus === "employed_same_employer"
      ? IN_POST
      : d.employmentStatus === "unreachable"
        ? UNKNOWN
        : NOT_IN_POST;
  return (d.milestone === "month_6" ? 4 : 7) + status;
};

/**
 * The statuses a hiring's later facts give: at each milestone the last follow-up's status; without one, not in
 * post if a contract ended before it; otherwise not known.
 */
const withStatuses = (h: Hire, list: readonly number[]): Hire => {
  let ended6 = false;
  let ended12 = false;
  let s6: number | null = null;
  let s12: number | null = null;
  for (let i = 1; i < list.length; i += 2) {
    const code = list[i] as number;
    if (code < 4) {
      ended6 ||= code % 2 === 1;
      ended12 ||= code >= 2;
    } else if (code < 7) s6 = code - 4;
    else s12 = code - 7;
  }
  return {
    ...h,
    s6: s6 ?? (ended6 ? NOT_IN_POST : UNKNOWN),
    f6: s6 !== null,
    s12: s12 ?? (ended12 ? NOT_IN_POST : UNKNOWN),
    f12: s12 !== null,
  };
};

/** Sets (or, `code` null, removes) the hiring's fact at `revision` and recounts the hiring from its facts. */
const setAfter = (
  state: PlacementDurabilityState,
  event: RecordedEvent,
  revision: number,
  code: number | null,
): void => {
  const d = event.data as EventData<"ContractEnded">;
  const key = keyOf(d.candidateId, d.companyId, d.hiredOn);
  if (!factsIn(state, "hires").has(key)) return;
  const after = listsIn(state, "after");
  let list = after.get(key);
  if (list === undefined) {
    if (code === null) return;
    list = [];
    after.set(key, list);
  }
  setAtRevision(list, revision, code);
  const facts = list;
  update(state, key, (h) => withStatuses(h, facts));
};

const onAfterHiring = (state: PlacementDurabilityState, event: RecordedEvent): PlacementDurabilityState => {
  const code = afterCode(event);
  if (code !== null) setAfter(state, event, event.revision, code);
  return state;
};

/** A contract end or follow-up corrected or voided: the hiring's statuses read again from its facts. */
const onAfterHiringCorrected = (
  state: PlacementDurabilityState,
  fact: CorrectedFact,
): PlacementDurabilityState => {
  const event = fact.after ?? fact.before;
  if (event === null) return state;
  setAfter(state, event, fact.revision, fact.after === null ? null : afterCode(fact.after));
  return state;
};

/** A hiring's contract type amended: the hiring moves to the corrected contract's row. */
const onHiringCorrected = (
  state: PlacementDurabilityState,
  fact: CorrectedFact,
): PlacementDurabilityState => {
  if (fact.after === null) return state;
  const d = fact.after.data as EventData<"CandidateHired">;
  update(state, keyOf(d.candidateId, d.companyId, d.hiredOn), (h) => ({
    ...h,
    contract: CONTRACT.get(d.contractType) as number,
  }));
  return state;
};

export const placementDurabilityProjection: Projection<PlacementDurabilityState> = {
  name: "statistics.placementDurability",
  version: 2,
  initialState: () => ({
    hires: new KeyedFacts(),
    hireDays: new KeyedFacts(),
    after: new KeyedLists(),
    days: {},
  }),
  handlers: {
    CandidateHired: onHired,
    ContractEnded: onAfterHiring,
    PlacementFollowUpRecorded: onAfterHiring,
    FactCorrected: onCorrections({
      CandidateHired: onHiringCorrected,
      ContractEnded: onAfterHiringCorrected,
      PlacementFollowUpRecorded: onAfterHiringCorrected,
    }),
  },
};

const table = (
  key: string,
  title: string,
  rowHeader: string,
  rows: readonly { key: string; label: string }[],
  slots: readonly number[],
  firstRow: number,
  offset: 0 | 3,
): CountTable => ({
  key,
  title,
  unit: "people",
  disclosureRule: "person-level",
  rowHeader,
  columns: STATUS_COLUMNS,
  rows: rows.map((r, i) => ({
    key: r.key,
    label: r.label,
    counts: [0, 1, 2].map((s) => slots[(firstRow + i) * ROW + offset + s] ?? 0),
  })),
});

export const placementDurability: StatisticDefinition<PlacementDurabilityState> = {
  id: "placementDurability",
  title: "Durata degli inserimenti (nostra lettura)",
  description:
    "Le assunzioni del periodo (per data dell'assunzione; ogni assunzione conta una volta, una persona assunta due volte conta due volte) secondo la situazione a 6 e a 12 mesi: ancora in forza presso lo stesso datore, non più in forza (contratto cessato prima della scadenza o altro esito del contatto di verifica), non noto (verifica non registrata o non ancora dovuta, persona non raggiungibile). Per tipo di contratto e per percorso.",
  chart: "bar",
  projection: placementDurabilityProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    const contracts = Object.entries(rowsOf(ContractType.options, view.labels.contractType)).map(
      ([key, label]) => ({ key, label }),
    );
    const paths = DURABILITY_PATHS.map((key) => ({ key, label: PATH_LABELS[key] }));
    return {
      tables: [
        table("month6ByContractType", "A 6 mesi, per tipo di contratto", "Contratto", contracts, slots, 0, 0),
        table(
          "month12ByContractType",
          "A 12 mesi, per tipo di contratto",
          "Contratto",
          contracts,
          slots,
          0,
          3,
        ),
        table("month6ByPath", "A 6 mesi, per percorso", "Percorso", paths, slots, CONTRACTS, 0),
        table("month12ByPath", "A 12 mesi, per percorso", "Percorso", paths, slots, CONTRACTS, 3),
      ],
    };
  },
};
