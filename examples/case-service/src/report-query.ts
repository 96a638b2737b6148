import { MIN_PUBLISHED_CELL } from "@insieme/statistics";
import { z } from "zod";

const isoDate = z.iso.date({ message: "expected a date YYYY-MM-DD" });

/** `asOf`: an instant, or a date meaning the end of that day (UTC), normalised to ISO-8601 with milliseconds. */
const asOf = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    message: "expected a date YYYY-MM-DD or an ISO-8601 time",
  })
  .transform((s) => (s.length === 10 ? `${s}T23:59:59.999Z` : new Date(s).toISOString()));

const flag = z.enum(["", "true", "1", "false", "0"], { message: "expected true or false" }).transform((s) => {
  return s === "" || s === "true" || s === "1";
});

/** The report's query parameters, with the meaning and the limits of `insieme report`'s options. */
export const reportQuerySchema = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    asOf: asOf.optional(),
    minCell: z.string().regex(/^\d+$/, "must be a whole number").transform(Number).optional(),
    raw: flag.default(false),
    /** A released period by its id (`2017-Q3`, `2017-05`, `2017`), as `insieme report --release`. */
    release: z
      .string()
      .regex(/^[0-9A-Za-z-]{1,16}$/, "expected a release id such as 2017-Q3")
      .optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "must not be after to",
    path: ["from"],
  })
  .refine((q) => q.minCell === undefined || q.minCell >= MIN_PUBLISHED_CELL, {
    message: `must be at least ${MIN_PUBLISHED_CELL} in a published report`,
    path: ["minCell"],
  })
  .refine((q) => !(q.raw && q.release !== undefined), {
    message: "names a published release; the raw report takes any from, to and asOf",
    path: ["release"],
  })
  .refine((q) => !(q.raw && q.minCell !== undefined), {
    message: "has no meaning with raw (the raw report suppresses nothing)",
    path: ["minCell"],
  });
export type ReportQuery = z.output<typeof reportQuerySchema>;
