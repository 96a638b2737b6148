import type { ConfigurationVersion, ReportLabels, Territory } from "@insieme/domain";

type LabelCategory = Exclude<keyof ReportLabels, "results">;

/** The texts a report shows, per category and value, from the configuration version it is read under. */
export type LabelTexts = { readonly [C in LabelCategory]: Readonly<Record<string, string>> };

/** What a statistic reads its labels and territory from: one configuration version. */
export interface ReportView {
  readonly labels: LabelTexts;
  readonly territory: Territory;
  /** Names of the comuni whose residents are cross-checked with social services ("Bologna"). */
  readonly crossCheckNames: string;
}

/** The report view of a configuration version: label texts in the configuration's row order, and its territory. */
export const reportView = (rules: ConfigurationVersion): ReportView => {
  const texts = {} as Record<LabelCategory, Record<string, string>>;
  for (const [category, labels] of Object.entries(rules.labels)) {
    if (category === "results") continue;
    texts[category as LabelCategory] = Object.fromEntries(
      Object.entries(labels as Record<string, { text: string }>).map(([key, label]) => [key, label.text]),
    );
  }
  const names = rules.eligibility.socialServicesCrossCheck.map(
    (istat) => rules.territory.municipalities.find((m) => m.istat === istat)?.name ?? istat,
  );
  return { labels: texts, territory: rules.territory, crossCheckNames: names.join(", ") };
};

/**
 * Category key → slot, from the category's values in the domain's order (the slot a count lives in; labels never
 * decide slots). A Map: event data strings are not internalised, and Map lookups hash them directly where an
 * object's keyed access would first internalise them.
 */
export const indexOf = (keys: readonly string[]): ReadonlyMap<string, number> =>
  new Map(keys.map((k, i) => [k, i]));

/** Rows of a category in the domain's order, labelled with the view's texts. */
export const rowsOf = (
  keys: readonly string[],
  texts: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> => Object.fromEntries(keys.map((k) => [k, texts[k] ?? k]));

export const MONTH_LABELS = [
  "gen",
  "feb",
  "mar",
  "apr",
  "mag",
  "giu",
  "lug",
  "ago",
  "set",
  "ott",
  "nov",
  "dic",
] as const;
