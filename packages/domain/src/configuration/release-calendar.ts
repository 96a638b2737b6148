import { z } from "zod";
import type { ConfigurationVersionInForce, ProgrammeConfiguration } from "./configuration.js";

/** The smallest threshold a published report may use (Regole deontologiche Sistan 2019, art. 5). */
export const MIN_PUBLISHED_CELL = 3;
export const DEFAULT_MIN_CELL = 3;

export const RELEASE_PERIODS = ["month", "quarter", "year"] as const;
export type ReleasePeriod = (typeof RELEASE_PERIODS)[number];

/**
 * When published reports are released: one table per fixed period (months, quarters or years), counting the
 * events dated in that period as recorded up to the period's release instant (the end of its last day, UTC, plus
 * `lagDays` days for late recordings), at one threshold. A period is published once, at its release instant, and
 * never restated: no two published reports share a person, so none can be differenced into another. Part of the
 * programme configuration (`releaseCalendar`); `@insieme/statistics` computes the releases from it.
 */
export const releaseCalendarSchema = z
  .strictObject({
    start: z.iso
      .date({ message: "start must be a date YYYY-MM-DD" })
      .default("2017-05-01")
      .meta({ description: "First day of the programme: the first release is the period holding it" }),
    period: z
      .enum(RELEASE_PERIODS, { message: "period must be month, quarter or year" })
      .default("quarter")
      .meta({ description: "The length of a release period" }),
    lagDays: z
      .number()
      .int()
      .min(0)
      .max(366)
      .default(15)
      .meta({ description: "Days after a period's last day until its release instant (late recordings)" }),
    minCell: z
      .number()
      .int()
      .min(MIN_PUBLISHED_CELL, `minCell must be at least ${MIN_PUBLISHED_CELL} in a published report`)
      .default(DEFAULT_MIN_CELL)
      .meta({ description: "Smallest published person-level count" }),
  })
  .meta({ title: "Insieme per il lavoro — release calendar of the published reports" });
export type ReleaseCalendar = z.output<typeof releaseCalendarSchema>;
export type ReleaseCalendarInput = z.input<typeof releaseCalendarSchema>;

/** Quarterly releases from the programme's start (May 2017), 15 days after each quarter, threshold 3. */
export const DEFAULT_RELEASE_CALENDAR: ReleaseCalendar = releaseCalendarSchema.parse({});

/**
 * The configuration version whose release calendar publishes at `now` (ISO-8601): the version in force on that
 * day, else the first one (a clock before every version's date). `now` comes from the caller; nothing here reads
 * a clock.
 */
export const publishingVersion = (
  configuration: ProgrammeConfiguration,
  now: string,
): ConfigurationVersionInForce => {
  let found = configuration.versions[0];
  for (const v of configuration.versions) if (v.rules.inForceFrom <= now.slice(0, 10)) found = v;
  if (found === undefined) throw new Error(`configuration '${configuration.id}' has no version`);
  return found;
};

/** The release calendar published reports follow at `now`: the one of the version in force on that day. */
export const releaseCalendarAt = (configuration: ProgrammeConfiguration, now: string): ReleaseCalendar => {
  const { start, period, lagDays, minCell } = publishingVersion(configuration, now).rules.releaseCalendar;
  return { start, period, lagDays, minCell };
};
