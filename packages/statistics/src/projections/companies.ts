import { BoardChannel, type EventData } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { type CorrectedFact, onCorrections } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, sumDays } from "../day-code.js";
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

export interface CompaniesState {
  /** Per company in the Board: channel slot × 2 + 1 once it has been active (needs, opportunities or hirings). */
  members: FactsState;
  /**
   * Per company, its membership facts as (revision, day × KINDS + kind) pairs in stream order: joined (kind: the
   * channel), an activity, left. A correction (a channel amended, an activity or a leaving voided) takes the
   * company's changes off as they stood and counts them again from its corrected facts.
   */
  facts: ListsState;
  /** Per day, changes of the stock: members per channel, then active members (all channels). */
  days: DayBuckets;
}

const CHANNEL = indexOf(BoardChannel.options);
const CHANNELS = BoardChannel.options.length;
const ACTIVE = CHANNELS;
const WIDTH = CHANNELS + 1;
/** Kinds of membership fact: 0 … CHANNELS − 1 joined under that channel, then an activity, then left. */
const ACTIVITY = CHANNELS;
const LEFT = CHANNELS + 1;
const KINDS = CHANNELS + 2;

type Emit = (day: number, slot: number, delta: number) => void;

/**
 * One membership fact applied to a company's code (channel × 2 + active, undefined when not a member): the stock's
 * changes it makes are emitted; the new code is returned.
 */
const step = (code: number | undefined, fact: number, emit: Emit): number | undefined => {
  const kind = fact % KINDS;
  const day = (fact - kind) / KINDS;
  if (kind < CHANNELS) {
    if (code !== undefined) return code;
    emit(day, kind, 1);
    return kind * 2;
  }
  if (code === undefined) return code;
  if (kind === ACTIVITY) {
    if (code % 2 === 1) return code;
    emit(day, ACTIVE, 1);
    return code + 1;
  }
  emit(day, Math.floor(code / 2), -1);
  if (code % 2 === 1) emit(day, ACTIVE, -1);
  return undefined;
};

const emitter =
  (state: CompaniesState, sign: 1 | -1): Emit =>
  (day, slot, delta) => {
    const slots = bucket(state.days, day, WIDTH);
    slots[slot] = (slots[slot] as number) + sign * delta;
  };

const factOf = (event: RecordedEvent): number => {
  const day = dayCodeOf(event.occurredAt);
  switch (event.type) {
    case "CompanyJoinedBoard":
      return day * KINDS + (CHANNEL.get((event.data as EventData<"CompanyJoinedBoard">).channel) as number);
    case "CompanyLeftBoard":
      return day * KINDS + LEFT;
    default:
      return day * KINDS + ACTIVITY;
  }
};

const onFact = (state: CompaniesState, event: RecordedEvent): CompaniesState => {
  const id = (event.data as { readonly companyId: string }).companyId;
  const fact = factOf(event);
  const facts = listsIn(state, "facts");
  const list = facts.get(id);
  if (list === undefined) facts.set(id, [event.revision, fact]);
  else setAtRevision(list, event.revision, fact);
  const members = factsIn(state, "members");
  const code = step(members.get(id), fact, emitter(state, 1));
  if (code === undefined) members.delete(id);
  else members.set(id, code);
  return state;
};

/** The company's facts folded with `emit`: its membership code at the end. */
const fold = (list: readonly number[], emit: Emit): number | undefined => {
  let code: number | undefined;
  for (let i = 1; i < list.length; i += 2) code = step(code, list[i] as number, emit);
  return code;
};

const onFactCorrected = (state: CompaniesState, fact: CorrectedFact): CompaniesState => {
  const event = fact.after ?? fact.before;
  if (event === null) return state;
  const id = (event.data as { readonly companyId: string }).companyId;
  const list = listsIn(state, "facts").get(id);
  if (list === undefined) return state;
  fold(list, emitter(state, -1));
  setAtRevision(list, fact.revision, fact.after === null ? null : factOf(fact.after));
  const code = fold(list, emitter(state, 1));
  const members = factsIn(state, "members");
  if (code === undefined) members.delete(id);
  else members.set(id, code);
  return state;
};

export const companiesProjection: Projection<CompaniesState> = {
  name: "statistics.companies",
  version: 2,
  initialState: () => ({ members: new KeyedFacts(), facts: new KeyedLists(), days: {} }),
  handlers: {
    CompanyJoinedBoard: onFact,
    CompanyNeedsDeclared: onFact,
    OpportunityOffered: onFact,
    CompanyHiredCandidate: onFact,
    CompanyLeftBoard: onFact,
    FactCorrected: onCorrections({
      CompanyJoinedBoard: onFactCorrected,
      CompanyNeedsDeclared: onFactCorrected,
      OpportunityOffered: onFactCorrected,
      CompanyLeftBoard: onFactCorrected,
    }),
  },
};

export const companies: StatisticDefinition<CompaniesState> = {
  id: "companies",
  title: "Aziende in numeri",
  description:
    "Aziende aderenti al Board di imprese alla fine del periodo, per canale di adesione; realtà attive: aderenti che hanno dichiarato fabbisogni, offerto opportunità o assunto. Non riguarda persone: nessuna soppressione.",
  chart: "bar",
  projection: companiesProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => window.to === null || d <= window.to);
    return {
      tables: [
        {
          key: "byChannel",
          title: "Aziende aderenti al board per canale",
          unit: "companies",
          disclosureRule: "not-applicable",
          rowHeader: "Canale di adesione",
          columns: [{ key: "companies", label: "Aziende" }],
          totalLabel: "Aziende aderenti al board",
          rows: Object.entries(rowsOf(BoardChannel.options, view.labels.boardChannel)).map(
            ([key, label], i) => ({
              key,
              label,
              counts: [slots[i] ?? 0],
            }),
          ),
        },
        {
          key: "active",
          title: "Realtà attive",
          unit: "companies",
          disclosureRule: "not-applicable",
          rowHeader: "",
          columns: [{ key: "companies", label: "Aziende" }],
          columnTotals: false,
          rows: [{ key: "active", label: "Realtà attive totali", counts: [slots[ACTIVE] ?? 0] }],
        },
      ],
    };
  },
};
