import { AgeBand, EducationLevel, Gender } from "@insieme/domain";
import type { CountTable } from "../disclosure/disclosure.js";
import { type ReportView, rowsOf } from "../labels.js";
import type { Table } from "../report/model.js";

/** A one-column count table whose rows are a label map's categories, read from `slots` starting at `offset`. */
export const categoryTable = (
  spec: {
    readonly key: string;
    readonly title: string;
    readonly unit: Table["unit"];
    readonly disclosureRule?: Table["disclosureRule"];
    readonly rowHeader: string;
    readonly column: { readonly key: string; readonly label: string };
    readonly labels: Readonly<Record<string, string>>;
  },
  slots: readonly number[],
  offset = 0,
): CountTable => ({
  key: spec.key,
  title: spec.title,
  unit: spec.unit,
  disclosureRule: spec.disclosureRule ?? "person-level",
  rowHeader: spec.rowHeader,
  columns: [spec.column],
  rows: Object.entries(spec.labels).map(([key, label], i) => ({
    key,
    label,
    counts: [slots[offset + i] ?? 0],
  })),
});

/** Where the education, age-band and gender slots start in a profile's slot array. */
export interface ProfileSlots {
  readonly education: number;
  readonly ageBand: number;
  readonly gender: number;
}

/** The three profile tables (Formazione, Età, Genere) that statistics 2 and 8 publish. */
export const profileTables = (
  slots: readonly number[],
  column: { readonly key: string; readonly label: string },
  at: ProfileSlots,
  view: ReportView,
): CountTable[] => [
  categoryTable(
    {
      key: "education",
      title: "Formazione",
      unit: "people",
      rowHeader: "Titolo di studio",
      column,
      labels: rowsOf(EducationLevel.options, view.labels.educationLevel),
    },
    slots,
    at.education,
  ),
  categoryTable(
    {
      key: "ageBand",
      title: "Età",
      unit: "people",
      rowHeader: "Fascia d'età",
      column,
      labels: rowsOf(AgeBand.options, view.labels.ageBand),
    },
    slots,
    at.ageBand,
  ),
  categoryTable(
    {
      key: "gender",
      title: "Genere",
      unit: "people",
      rowHeader: "Genere",
      column,
      labels: rowsOf(Gender.options, view.labels.gender),
    },
    slots,
    at.gender,
  ),
];
