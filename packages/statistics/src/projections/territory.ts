import type { EventData } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { type CorrectedFact, onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { type FactsState, factsIn, KeyedFacts } from "../keyed-facts.js";
import type { StatisticDefinition } from "../statistic.js";
import { categoryTable } from "./category-table.js";

export interface TerritoryState {
  /** Every place of residence seen: the ISTAT code, with "/area" for comuni divided into areas (quartieri). */
  places: string[];
  /** Residence of every candidate: the index of their place (kept after the screening: it may be corrected). */
  residence: FactsState;
  /** Per candidate counted in target: the day of the screening they are counted on. */
  inTarget: FactsState;
  /** Per day of screening, people in target: one slot per place, in `places` order. */
  days: DayBuckets;
}

/** Per `places` array, its index (rebuilt once after a checkpoint is read back). */
const indexes = new WeakMap<string[], Map<string, number>>();

const placeSlot = (state: TerritoryState, place: string): number => {
  let index = indexes.get(state.places);
  if (index === undefined) {
    index = new Map(state.places.map((p, i) => [p, i]));
    indexes.set(state.places, index);
  }
  let slot = index.get(place);
  if (slot === undefined) {
    slot = state.places.length;
    state.places.push(place);
    index.set(place, slot);
  }
  return slot;
};

const placeOf = (state: TerritoryState, event: RecordedEvent): number => {
  const { residence } = (event.data as EventData<"CandidateApplied">).profile;
  const place =
    residence.quartiere === null
      ? residence.municipalityIstat
      : `${residence.municipalityIstat}/${residence.quartiere}`;
  return placeSlot(state, place);
};

const add = (state: TerritoryState, day: number, slot: number, delta: number): void => {
  const slots = bucket(state.days, day, state.places.length);
  slots[slot] = (slots[slot] ?? 0) + delta;
};

const onApplied = (state: TerritoryState, event: RecordedEvent): TerritoryState => {
  factsIn(state, "residence").set(
    (event.data as EventData<"CandidateApplied">).candidateId,
    placeOf(state, event),
  );
  return state;
};

/** An application corrected: a person counted in target moves, on their screening's day, to the corrected place. */
const onApplicationCorrected = (state: TerritoryState, fact: CorrectedFact): TerritoryState => {
  if (fact.after === null) return state;
  const candidateId = (fact.after.data as EventData<"CandidateApplied">).candidateId;
  const residence = factsIn(state, "residence");
  const before = residence.get(candidateId);
  const after = placeOf(state, fact.after);
  residence.set(candidateId, after);
  const day = factsIn(state, "inTarget").get(candidateId);
  if (day === undefined || before === undefined || before === after) return state;
  add(state, day, before, -1);
  add(state, day, after, 1);
  return state;
};

const countScreened = (state: TerritoryState, event: RecordedEvent, sign: 1 | -1): void => {
  const data = event.data as EventData<"CandidateScreened">;
  if (data.outcome !== "in_target") return;
  const slot = factsIn(state, "residence").get(data.candidateId);
  if (slot === undefined) return;
  const day = dayCodeOf(event.occurredAt);
  add(state, day, slot, sign);
  if (sign === 1) factsIn(state, "inTarget").set(data.candidateId, day);
  else factsIn(state, "inTarget").delete(data.candidateId);
};

const onScreened = (state: TerritoryState, event: RecordedEvent): TerritoryState => {
  countScreened(state, event, 1);
  return state;
};

export const territoryProjection: Projection<TerritoryState> = {
  name: "statistics.territory",
  version: 3,
  initialState: () => ({ places: [], residence: new KeyedFacts(), inTarget: new KeyedFacts(), days: {} }),
  handlers: {
    CandidateApplied: onApplied,
    CandidateScreened: onScreened,
    FactCorrected: onCorrections({
      CandidateApplied: onApplicationCorrected,
      CandidateScreened: retractThenCount(countScreened),
    }),
  },
};

const column = { key: "people", label: "Candidature in target" };

export const territory: StatisticDefinition<TerritoryState> = {
  id: "territory",
  title: "Distribuzione sul territorio delle persone in target",
  description: (view) =>
    `Candidature in target per distretto socio-sanitario, ${view.territory.areaLabel.toLowerCase()} e comune di residenza (codice ISTAT), alla data della valutazione; il titolo è quello pubblicato, ma si contano le candidature: una persona che si ricandida ed è valutata di nuovo è contata di nuovo.`,
  chart: "rankedBar",
  projection: territoryProjection,
  counts: (state, window, view) => {
    const t = view.territory;
    const counted = sumDays(state.days, state.places.length, (d) => inWindow(window, d));
    const byPlace = new Map<string, number>();
    state.places.forEach((place, i) => {
      byPlace.set(place, (byPlace.get(place) ?? 0) + (counted[i] ?? 0));
    });
    const byMunicipality = new Map<string, number>();
    for (const [place, n] of byPlace) {
      const istat = place.slice(0, 6);
      byMunicipality.set(istat, (byMunicipality.get(istat) ?? 0) + n);
    }
    const inside = new Set(t.municipalities.map((m) => m.istat));
    let outside = 0;
    for (const [istat, n] of byMunicipality) if (!inside.has(istat)) outside += n;
    const outsideLabel = t.outsideLabel;
    const districts = t.districts.map((d) =>
      t.municipalities.reduce(
        (sum, m) => (m.district === d.id ? sum + (byMunicipality.get(m.istat) ?? 0) : sum),
        0,
      ),
    );
    const divided = t.municipalities.filter((m) => m.areas.length > 0);
    return {
      tables: [
        categoryTable(
          {
            key: "byDistrict",
            title: "Per distretto socio-sanitario",
            unit: "people",
            rowHeader: "Distretto",
            column,
            labels: { ...Object.fromEntries(t.districts.map((d) => [d.id, d.name])), outside: outsideLabel },
          },
          [...districts, outside],
        ),
        ...divided.map((m, i) =>
          categoryTable(
            {
              key: i === 0 ? "byQuartiere" : `byQuartiere_${m.istat}`,
              title: `${m.name} (${m.istat}) per ${t.areaLabel.toLowerCase()}`,
              unit: "people",
              rowHeader: t.areaLabel,
              column,
              labels: Object.fromEntries(m.areas.map((a) => [a.id, a.name])),
            },
            m.areas.map((a) => byPlace.get(`${m.istat}/${a.id}`) ?? 0),
          ),
        ),
        categoryTable(
          {
            key: "byMunicipality",
            title: "Per comune",
            unit: "people",
            rowHeader: "Comune",
            column,
            labels: {
              ...Object.fromEntries(t.municipalities.map((m) => [m.istat, m.name])),
              outside: outsideLabel,
            },
          },
          [...t.municipalities.map((m) => byMunicipality.get(m.istat) ?? 0), outside],
        ),
      ],
    };
  },
};
