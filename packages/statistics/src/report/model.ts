import { z } from "zod";

/** A published count, or the mark that replaces a count withheld by disclosure control (never a silent zero). */
export const suppressedCellSchema = z
  .object({ suppressed: z.literal(true) })
  .strict()
  .meta({ description: "A count withheld by disclosure control" });
export const cellSchema = z.union([z.number(), suppressedCellSchema]);
export type Cell = z.infer<typeof cellSchema>;
export const SUPPRESSED: Cell = Object.freeze({ suppressed: true as const });

export const isSuppressed = (cell: Cell): cell is { suppressed: true } => typeof cell !== "number";

export const columnSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    /** Count columns take part in totals and suppression; derived columns are computed from published counts. */
    kind: z.enum(["count", "derived"]),
  })
  .strict();
export type Column = z.infer<typeof columnSchema>;

export const rowSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    cells: z.array(cellSchema),
    /** Sum of the row's count cells; null when row totals are not published (one column, or columns not additive). */
    total: cellSchema.nullable(),
  })
  .strict();
export type Row = z.infer<typeof rowSchema>;

export const tableSchema = z
  .object({
    key: z.string(),
    title: z.string(),
    /** What is counted: people-level units are subject to disclosure control. */
    unit: z.enum(["applications", "people", "companies", "projects", "jobs"]),
    /** "person-level": small counts are suppressed in published reports; "not-applicable": not about people. */
    disclosureRule: z.enum(["person-level", "not-applicable"]),
    rowHeader: z.string(),
    columns: z.array(columnSchema),
    rows: z.array(rowSchema),
    /** Column totals (the "Totale" row), or null when the rows are not parts of one whole. */
    totals: rowSchema.nullable(),
  })
  .strict();
export type Table = z.infer<typeof tableSchema>;

export const figureSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    unit: z.enum(["percent", "count"]),
    value: cellSchema,
  })
  .strict();
export type Figure = z.infer<typeof figureSchema>;

export const statisticIds = [
  "applicationsTrend",
  "applicantsProfile",
  "referrers",
  "screeningOutcomes",
  "territory",
  "socialServicesCheck",
  "firstInterviewOutcomes",
  "immediatelyPlaceable",
  "companies",
  "projects",
  "results",
  "placementDurability",
] as const;
export type StatisticId = (typeof statisticIds)[number];

export const statisticSchema = z
  .object({
    id: z.enum(statisticIds),
    title: z.string(),
    description: z.string(),
    chart: z.enum(["line", "bar", "rankedBar"]),
    tables: z.array(tableSchema),
    figures: z.array(figureSchema),
  })
  .strict();
export type Statistic = z.infer<typeof statisticSchema>;

export const windowSchema = z
  .object({
    /** Inclusive first day (event date), YYYY-MM-DD, or null for "from the beginning". */
    from: z.string().nullable(),
    /** Inclusive last day (event date), YYYY-MM-DD, or null for "up to the end". */
    to: z.string().nullable(),
    /** Only events recorded at or before this instant (ISO-8601 UTC), or null for "everything recorded". */
    asOf: z.string().nullable(),
  })
  .strict();
export type ReportWindow = z.infer<typeof windowSchema>;

const configurationRefSchema = z
  .object({ id: z.string(), version: z.number().int(), hash: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();

export const provenanceSchema = z
  .object({
    store: z.object({ kind: z.string(), location: z.string() }).strict(),
    /** Global position of the last event replayed into the report, or null when none was. */
    lastPosition: z.number().int().nullable(),
    eventsReplayed: z.number().int(),
    journalHash: z
      .object({
        /** "chain-head": the journal's hash-chain head; "sha256-canonical-events": SHA-256 over the replayed events. */
        kind: z.enum(["chain-head", "sha256-canonical-events"]),
        value: z.string(),
      })
      .strict(),
    library: z.object({ name: z.string(), version: z.string() }).strict(),
    configuration: z
      .object({
        /** The configuration version whose labels and territory the report shows (in force at the window's end). */
        labelledBy: configurationRefSchema,
        /** Every configuration version the replayed events were decided under, with how many events each decided. */
        decidedUnder: z.array(configurationRefSchema.extend({ events: z.number().int() }).strict()),
        /** Events written before decisions recorded their configuration. */
        unrecorded: z.number().int(),
        /** Labels shown in the report that are the project's own reading, not a published source. */
        ourReading: z.array(z.object({ category: z.string(), key: z.string(), text: z.string() }).strict()),
      })
      .strict(),
    window: windowSchema,
    disclosure: z
      .object({
        mode: z.enum(["published", "raw"]),
        /** Smallest published person-level count (null in the raw report). */
        minCell: z.number().int().nullable(),
        notice: z.string(),
      })
      .strict(),
  })
  .strict();
export type Provenance = z.infer<typeof provenanceSchema>;

export const REPORT_FORMAT = "insieme-report/1" as const;

export const reportSchema = z
  .object({
    format: z.literal(REPORT_FORMAT),
    title: z.string(),
    provenance: provenanceSchema,
    /** One entry per statistic, always in the order of `statisticIds`. */
    statistics: z
      .array(statisticSchema)
      .refine(
        (list) => list.length === statisticIds.length && list.every((s, i) => s.id === statisticIds[i]),
        { message: `statistics must be exactly, in order: ${statisticIds.join(", ")}` },
      ),
  })
  .strict()
  .meta({ title: "Insieme per il lavoro — report of the statistics" });
export type Report = z.infer<typeof reportSchema>;
