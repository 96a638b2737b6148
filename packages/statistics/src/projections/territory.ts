import { BOLOGNA_ISTAT, type EventData, MUNICIPALITIES } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { type FactsState, factsIn, KeyedFacts } from "../keyed-facts.js";
import { DISTRICT_LABELS, indexOf, QUARTIERE_LABELS } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";
import { categoryTable } from "./category-table.js";

export interface TerritoryState {
  /** Residence of candidates not yet screened: municipality slot × 8 + quartiere slot + 1 (0: no quartiere). */
  residence: FactsState;
  /** Per day of screening, people in target: one slot per comune (ISTAT order), one for "outside", then quartieri. */
  days: DayBuckets;
}

const MUNICIPALITY = new Map(MUNICIPALITIES.map((m, i) => [m.istat, i]));
const OUTSIDE = MUNICIPALITIES.length;
const QUARTIERE = indexOf(QUARTIERE_LABELS);
const QUARTIERE_AT = OUTSIDE + 1;
const WIDTH = QUARTIERE_AT + Object.keys(QUARTIERE_LABELS).length;

const onApplied = (state: TerritoryState, event: RecordedEvent): TerritoryState => {
  const { residence } = (event.data as EventData<"CandidateApplied">).profile;
  const m = MUNICIPALITY.get(residence.municipalityIstat) ?? OUTSIDE;
  const q = residence.quartiere === null ? 0 : (QUARTIERE.get(residence.quartiere) as number) + 1;
  factsIn(state, "residence").set((event.data as EventData<"CandidateApplied">).candidateId, m * 8 + q);
  return state;
};

const onScreened = (state: TerritoryState, event: RecordedEvent): TerritoryState => {
  const data = event.data as EventData<"CandidateScreened">;
  const residence = factsIn(state, "residence");
  const code = residence.get(data.candidateId);
  if (code === undefined) return state;
  // The residence is only needed up to the screening: forgetting it keeps memory bounded by open applications.
  residence.delete(data.candidateId);
  if (data.outcome !== "in_target") return state;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const m = Math.floor(code / 8);
  const q = code % 8;
  slots[m] = (slots[m] as number) + 1;
  if (q > 0) slots[QUARTIERE_AT + q - 1] = (slots[QUARTIERE_AT + q - 1] as number) + 1;
  return state;
};

export const territoryProjection: Projection<TerritoryState> = {
  name: "statistics.territory",
  version: 1,
  initialState: () => ({ residence: new KeyedFacts(), days: {} }),
  handlers: { CandidateApplied: onApplied, CandidateScreened: onScreened },
};

const column = { key: "people", label: "Persone in target" };

const MUNICIPALITY_LABELS: Record<string, string> = Object.fromEntries([
  ...MUNICIPALITIES.map((m) => [m.istat, m.name]),
  ["outside", "Fuori dalla Città metropolitana"],
]);

export const territory: StatisticDefinition<TerritoryState> = {
  id: "territory",
  title: "Distribuzione sul territorio delle persone in target",
  description:
    "Persone in target per distretto socio-sanitario, quartiere di Bologna e comune di residenza (codice ISTAT), alla data della valutazione.",
  chart: "rankedBar",
  projection: territoryProjection,
  counts: (state, window) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    const byDistrict = Object.keys(DISTRICT_LABELS).map((district) =>
      MUNICIPALITIES.reduce((t, m, i) => (m.district === district ? t + (slots[i] ?? 0) : t), 0),
    );
    const districts = { ...DISTRICT_LABELS, outside: "Fuori dalla Città metropolitana" };
    return {
      tables: [
        categoryTable(
          {
            key: "byDistrict",
            title: "Per distretto socio-sanitario",
            unit: "people",
            rowHeader: "Distretto",
            column,
            labels: districts,
          },
          [...byDistrict, slots[OUTSIDE] ?? 0],
        ),
        categoryTable(
          {
            key: "byQuartiere",
            title: `Bologna (${BOLOGNA_ISTAT}) per quartiere`,
            unit: "people",
            rowHeader: "Quartiere",
            column,
            labels: QUARTIERE_LABELS,
          },
          slots,
          QUARTIERE_AT,
        ),
        categoryTable(
          {
            key: "byMunicipality",
            title: "Per comune",
            unit: "people",
            rowHeader: "Comune",
            column,
            labels: MUNICIPALITY_LABELS,
          },
          slots,
        ),
      ],
    };
  },
};
