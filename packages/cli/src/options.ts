import { personalDataIn } from "@insieme/domain";
import { MIN_PUBLISHED_CELL, RELEASE_PERIODS } from "@insieme/statistics";
import { z } from "zod";
import { CliError } from "./errors.js";
import { programmeField } from "./programme-option.js";
import { chooseStore, storeOptionFields } from "./store-option.js";

const isoDate = z.iso.date({ message: "expected a date YYYY-MM-DD" });

/** `--as-of`: an instant, or a date meaning the end of that day (UTC); normalised to ISO-8601 with milliseconds. */
const asOf = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    message: "expected a date YYYY-MM-DD or an ISO-8601 time",
  })
  .transform((s) => (s.length === 10 ? `${s}T23:59:59.999Z` : new Date(s).toISOString()));

const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `${what} must be a whole number`)
    .transform((s) => Number(s));

export const reportOptionsSchema = z
  .object({
    journal: z.string().min(1),
    format: z
      .enum(["json", "table", "html"], { message: "--format must be json, table or html" })
      .default("table"),
    from: isoDate.optional(),
    to: isoDate.optional(),
    asOf: asOf.optional(),
    minCell: positiveInt("--min-cell").optional(),
    raw: z.boolean().default(false),
    out: z.string().min(1).optional(),
    config: z.string().min(1).optional(),
    signingKey: z.string().min(1).optional(),
    changesSince: z.string().min(1).optional(),
    programme: programmeField,
    release: z.string().min(1).optional(),
    calendar: z.enum(RELEASE_PERIODS, { message: "--calendar must be month, quarter or year" }).optional(),
    releaseLagDays: positiveInt("--release-lag-days").optional(),
    calendarStart: isoDate.optional(),
  })
  .refine(
    (o) =>
      o.changesSince === undefined ||
      (o.from === undefined &&
        o.to === undefined &&
        !o.raw &&
        o.minCell === undefined &&
        o.signingKey === undefined),
    {
      message:
        "--changes-since compares with the window and disclosure of the earlier report: give no --from, --to, --raw, --min-cell or --signing-key",
      path: ["changesSince"],
    },
  )
  .refine((o) => o.changesSince === undefined || o.format !== "html", {
    message: "--changes-since prints table or json",
    path: ["format"],
  })
  .refine((o) => o.signingKey === undefined || o.out !== undefined, {
    message: "--signing-key needs --out: the signature is written beside the report, as <out>.sig",
    path: ["signingKey"],
  })
  .refine((o) => o.release === undefined || (o.from === undefined && o.to === undefined), {
    message: "--release names the period: give it without --from and --to",
    path: ["release"],
  })
  .refine(
    (o) =>
      !o.raw ||
      (o.release === undefined &&
        o.calendar === undefined &&
        o.releaseLagDays === undefined &&
        o.calendarStart === undefined),
    {
      message:
        "--release and the calendar options are for published reports; --raw takes any --from, --to and --as-of",
      path: ["release"],
    },
  )
  .refine((o) => o.from === undefined || o.to === undefined || o.from <= o.to, {
    message: "--from must not be after --to",
    path: ["from"],
  })
  .refine((o) => o.minCell === undefined || o.minCell >= MIN_PUBLISHED_CELL, {
    message: `--min-cell must be at least ${MIN_PUBLISHED_CELL} in a published report (use --raw for internal use)`,
    path: ["minCell"],
  })
  .refine((o) => !(o.raw && o.minCell !== undefined), {
    message: "--min-cell has no meaning with --raw (the raw report suppresses nothing)",
    path: ["minCell"],
  });
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

export const demoOptionsSchema = z.object({
  journal: z.string().min(1).optional(),
  seed: positiveInt("--seed").optional(),
  candidates: positiveInt("--candidates").optional(),
  out: z.string().min(1).default("insieme-report.html"),
});
export type DemoOptions = z.infer<typeof demoOptionsSchema>;

export const importOptionsSchema = z
  .object({
    ...storeOptionFields,
    history: z.boolean().default(false),
    config: z.string().min(1).optional(),
    programme: programmeField,
    maxLineBytes: z.coerce
      .number({ message: "--max-line-bytes must be a number of bytes" })
      .int("--max-line-bytes must be a whole number of bytes")
      .min(1024, "--max-line-bytes must be at least 1024")
      .max(64 * 1024 * 1024, "--max-line-bytes must be at most 67108864 (64 MiB)")
      .optional(),
  })
  .transform((o, ctx) => ({
    store: chooseStore(o, ctx),
    history: o.history,
    config: o.config,
    maxLineBytes: o.maxLineBytes,
    programme: o.programme,
  }));
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export const whatIfOptionsSchema = z.object({
  journal: z.string().min(1),
  programme: programmeField,
  config: z.string().min(1).optional(),
  format: z.enum(["json", "table"], { message: "--format must be json or table" }).default("table"),
});
export const journalOptionsSchema = z.object({
  journal: z.string().min(1),
  config: z.string().min(1).optional(),
});
export const verifyOptionsSchema = journalOptionsSchema.extend({
  anchor: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "--anchor must be a head hash: 64 hexadecimal digits")
    .transform((s) => s.toLowerCase())
    .optional(),
});

/** A person id as the domain writes them (a pseudonym: never a codice fiscale or an e-mail address). */
const personId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, "--person must be a person id (1-128 letters, digits or . _ : -)")
  .refine(
    (id) => personalDataIn(id) === null,
    "--person must be a person id, not personal data (a codice fiscale is never an id)",
  );

export const eraseOptionsSchema = z.object({ journal: z.string().min(1), person: personId });
export const personOptionsSchema = z.object({
  journal: z.string().min(1),
  person: personId,
  config: z.string().min(1).optional(),
  format: z.enum(["json", "table"], { message: "--format must be json or table" }).default("table"),
});
export const retentionOptionsSchema = z.object({
  journal: z.string().min(1),
  config: z.string().min(1).optional(),
  now: asOf.optional(),
  apply: z.boolean().default(false),
});
export const exportOptionsSchema = z
  .object({ ...storeOptionFields, out: z.string().min(1), programme: programmeField })
  .transform((o, ctx) => ({ store: chooseStore(o, ctx), out: o.out, programme: o.programme }));
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/** An option's flag (`minCell` → `--min-cell`); an environment variable's name is kept as it is. */
const optionName = (path: readonly PropertyKey[]): string => {
  const key = path.length === 0 ? "" : String(path[0]);
  if (key === "") return "options";
  if (/^[A-Z][A-Z_]*$/.test(key)) return key;
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
};

/** Parses commander's options with zod; the first problem becomes one clear error line. */
export const parseOptions = <S extends z.ZodType>(schema: S, raw: unknown): z.output<S> => {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new CliError("invalid options", 2);
  const name = optionName(issue.path);
  throw new CliError(issue.message.startsWith("--") ? issue.message : `${name}: ${issue.message}`, 2);
};
