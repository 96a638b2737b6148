import { formatZodError } from "@insieme/kernel";
import {
  type DisclosureMode,
  type ReleaseCalendar,
  type ReportWindow,
  releaseCalendarSchema,
  releaseFor,
  releaseNamed,
  releaseWindow,
} from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";
import type { ReportOptions } from "./options.js";

/** The release calendar `insieme report` publishes on, from its options (defaults: `DEFAULT_RELEASE_CALENDAR`). */
export const calendarOf = (options: ReportOptions): ReleaseCalendar => {
  const parsed = releaseCalendarSchema.safeParse({
    ...(options.calendar === undefined ? {} : { period: options.calendar }),
    ...(options.releaseLagDays === undefined ? {} : { lagDays: options.releaseLagDays }),
    ...(options.calendarStart === undefined ? {} : { start: options.calendarStart }),
    ...(options.minCell === undefined ? {} : { minCell: options.minCell }),
  });
  if (!parsed.success) throw new CliError(`release calendar: ${formatZodError(parsed.error)}`, 2);
  return parsed.data;
};

/**
 * What `insieme report` replays and how it suppresses: with `--raw`, any window and as-of, unsuppressed; else one
 * released period of the calendar as of its release instant, or a refusal (exit 2) saying why.
 */
export const publicationOf = (
  options: ReportOptions,
  now: string,
): { readonly window: ReportWindow; readonly disclosure: DisclosureMode } => {
  if (options.raw) {
    return {
      window: { from: options.from ?? null, to: options.to ?? null, asOf: options.asOf ?? null },
      disclosure: { mode: "raw" },
    };
  }
  const calendar = calendarOf(options);
  const release =
    options.release === undefined
      ? releaseFor(
          calendar,
          { from: options.from ?? null, to: options.to ?? null, asOf: options.asOf ?? null },
          now,
        )
      : E.flatMap(releaseNamed(calendar, options.release, now), (r) =>
          releaseFor(calendar, { from: r.from, to: r.to, asOf: options.asOf ?? null }, now),
        );
  if (E.isLeft(release)) throw new CliError(`published report refused: ${release.left.message}`, 2);
  return {
    window: releaseWindow(release.right),
    disclosure: { mode: "published", minCell: calendar.minCell },
  };
};
