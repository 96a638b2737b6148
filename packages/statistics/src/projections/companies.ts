import { BoardChannel, type EventData } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { bucket, type DayBuckets, dayCodeOf, sumDays } from "../day-code.js";
import { type FactsState, factsIn, KeyedFacts } from "../keyed-facts.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

export interface CompaniesState {
  /** Per company in the Board: channel slot × 2 + 1 once it has been active (needs, opportunities or hirings). */
  members: FactsState;
  /** Per day, changes of the stock: members per channel, then active members (all channels). */
  days: DayBuckets;
}

const CHANNEL = indexOf(BoardChannel.options);
const CHANNELS = BoardChannel.options.length;
const ACTIVE = CHANNELS;
const WIDTH = CHANNELS + 1;

const add = (state: CompaniesState, event: RecordedEvent, slot: number, delta: number): void => {
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  slots[slot] = (slots[slot] as number) + delta;
};

const onJoined = (state: CompaniesState, event: RecordedEvent): CompaniesState => {
  const data = event.data as EventData<"CompanyJoinedBoard">;
  const members = factsIn(state, "members");
  if (members.has(data.companyId)) return state;
  const channel = CHANNEL.get(data.channel) as number;
  members.set(data.companyId, channel * 2);
  add(state, event, channel, 1);
  return state;
};

const onActivity = (state: CompaniesState, event: RecordedEvent): CompaniesState => {
  const id = (event.data as { readonly companyId: string }).companyId;
  const members = factsIn(state, "members");
  const code = members.get(id);
  if (code === undefined || code % 2 === 1) return state;
  members.set(id, code + 1);
  add(state, event, ACTIVE, 1);
  return state;
};

const onLeft = (state: CompaniesState, event: RecordedEvent): CompaniesState => {
  const id = (event.data as EventData<"CompanyLeftBoard">).companyId;
  const members = factsIn(state, "members");
  const code = members.get(id);
  if (code === undefined) return state;
  members.delete(id);
  add(state, event, Math.floor(code / 2), -1);
  if (code % 2 === 1) add(state, event, ACTIVE, -1);
  return state;
};

export const companiesProjection: Projection<CompaniesState> = {
  name: "statistics.companies",
  version: 1,
  initialState: () => ({ members: new KeyedFacts(), days: {} }),
  handlers: {
    CompanyJoinedBoard: onJoined,
    CompanyNeedsDeclared: onActivity,
    OpportunityOffered: onActivity,
    CompanyHiredCandidate: onActivity,
    CompanyLeftBoard: onLeft,
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
