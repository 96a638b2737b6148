import type { ReportView } from "../labels.js";
import { DURABILITY_PATHS } from "../projections/placement-durability.js";
import type { StatisticId } from "../report/model.js";

/**
 * A published value of a report: a cell (row and column), a row's total (row only), a column's total (column
 * only) or the table's total (neither). In a one-column table a row's value is its cell and the table's total is
 * the "Totale" row.
 */
export interface CellRef {
  readonly statistic: StatisticId;
  readonly table: string;
  readonly row?: string;
  readonly column?: string;
}

/** Two sums of published values that count the same people in every report: Σ left = Σ right. */
export interface Link {
  readonly why: string;
  readonly left: readonly CellRef[];
  readonly right: readonly CellRef[];
}

const total = (statistic: StatisticId, table: string): CellRef => ({ statistic, table });
const row = (statistic: StatisticId, table: string, key: string): CellRef => ({ statistic, table, row: key });

const sameTotal = (why: string, refs: readonly CellRef[]): Link[] => {
  const [first, ...rest] = refs;
  return first === undefined ? [] : rest.map((r) => ({ why, left: [first], right: [r] }));
};

/**
 * Every relation between tables of one report: totals that appear in two tables of the same population and the
 * territorial hierarchy of the view's territory (comuni ↔ district, areas such as Bologna's quartieri ↔ their
 * comune). Disclosure control treats them as equations like the tables' own totals, so that no table gives back
 * what another withholds.
 */
export const linkedCells = (view: ReportView): Link[] => {
  const t = view.territory;
  return [
    ...sameTotal("applications made in the period", [
      total("applicationsTrend", "byMonth"),
      total("applicantsProfile", "education"),
      total("applicantsProfile", "ageBand"),
      total("applicantsProfile", "gender"),
      total("referrers", "byReferrer"),
      total("firstInterviewOutcomes", "cohort"),
    ]),
    ...sameTotal("people in target interviewed in the period and found immediately placeable", [
      row("immediatelyPlaceable", "share", "immediately_placeable"),
      total("immediatelyPlaceable", "education"),
      total("immediatelyPlaceable", "ageBand"),
      total("immediatelyPlaceable", "gender"),
    ]),
    ...sameTotal("people screened in target in the period", [
      row("screeningOutcomes", "byOutcome", "in_target"),
      total("territory", "byDistrict"),
      total("territory", "byMunicipality"),
    ]),
    ...sameTotal("hirings made in the period", [
      total("results", "hirings"),
      total("placementDurability", "month6ByContractType"),
      total("placementDurability", "month12ByContractType"),
      total("placementDurability", "month6ByPath"),
      total("placementDurability", "month12ByPath"),
    ]),
    ...Object.keys(view.labels.contractType).flatMap((contract) =>
      sameTotal(`hirings with a ${contract} contract made in the period`, [
        row("results", "hirings", contract),
        row("placementDurability", "month6ByContractType", contract),
        row("placementDurability", "month12ByContractType", contract),
      ]),
    ),
    ...DURABILITY_PATHS.flatMap((path) =>
      sameTotal(`hirings of path ${path} made in the period`, [
        row("placementDurability", "month6ByPath", path),
        row("placementDurability", "month12ByPath", path),
      ]),
    ),
    ...t.districts.map((district) => ({
      why: `the comuni of the district ${district.id}`,
      left: [row("territory", "byDistrict", district.id)],
      right: t.municipalities
        .filter((m) => m.district === district.id)
        .map((m) => row("territory", "byMunicipality", m.istat)),
    })),
    {
      why: "people outside the territory",
      left: [row("territory", "byDistrict", "outside")],
      right: [row("territory", "byMunicipality", "outside")],
    },
    ...t.municipalities
      .filter((m) => m.areas.length > 0)
      .map((m, i) => ({
        why: `the areas of ${m.name}`,
        left: [row("territory", "byMunicipality", m.istat)],
        right: [total("territory", i === 0 ? "byQuartiere" : `byQuartiere_${m.istat}`)],
      })),
  ];
};
