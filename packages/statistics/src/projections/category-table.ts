import type { CountTable } from "../disclosure/disclosure.js";
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
