import type { ProgrammeConfiguration } from "@insieme/domain";
import { formatZodError } from "@insieme/kernel";
import {
  type DisclosureMode,
  type ReleaseCalendar,
  type ReportWindow,
  releaseCalendarAt,
  releaseCalendarSchema,
  releaseWindow,
  requestedRelease,
} from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";
import type { ReportOptions } from "./options.js";

/**
 * The release calendar `insieme report` publishes on: the configuration's (`releaseCalendar` of the version in
 * force at `now`), with `--calendar`, `--release-lag-days`, `--calendar-start` and `--min-cell` taking precedence
 * over its keys. `overridden` is true when a flag changed the calendar: releases on another calendar than the
 * programme's can be differenced against the programme's, so the command says so.
 */
export const calendarOf = (
  options: ReportOptions,
  configuration: ProgrammeConfiguration,
  now: string,
): { readonly calendar: ReleaseCalendar; readonly overridden: boolean } => {
  const configured = releaseCalendarAt(configuration, now);
  const parsed = releaseCalendarSchema.safeParse({
    ...configured,
    ...(options.calendar === undefined ? {} : { period: options.calendar }),
    ...(options.releaseLagDays === undefined ? {} : { lagDays: options.releaseLagDays }),
    ...(options.calendarStart === undefined ? {} : { start: options.calendarStart }),
    ...(options.minCell === undefined ? {} : { minCell: options.minCell }),
  });
  if (!parsed.success) throw new CliError(`release calendar: ${formatZodError(parsed.error)}`, 2);
  const calendar = parsed.data;
  const overridden = (Object.keys(configured) as (keyof ReleaseCalendar)[]).some(
    (key) => configured[key] !== calendar[key],
  );
  return { calendar, overridden };
};

/**
 * What `insieme report` replays and how it suppresses: with `--raw`, any window and as-of, unsuppressed; else one
 * released period of the calendar as of its release instant (`requestedRelease`, the rule the case service
 * follows too), or a refusal (exit 2) saying why and what is released. `now` is the caller's clock.
 */
export const publicationOf = (
  options: ReportOptions,
  configuration: ProgrammeConfiguration,
  now: string,
): {
  readonly window: ReportWindow;
  readonly disclosure: DisclosureMode;
  readonly warning: string | null;
} => {
  if (options.raw) {
    return {
      window: { from: options.from ?? null, to: options.to ?? null, asOf: options.asOf ?? null },
      disclosure: { mode: "raw" },
      warning: null,
    };
  }
  const { calendar, overridden } = calendarOf(options, configuration, now);
  const release = requestedRelease(
    calendar,
    {
      release: options.release ?? null,
      from: options.from ?? null,
      to: options.to ?? null,
      asOf: options.asOf ?? null,
    },
    now,
  );
  if (E.isLeft(release)) throw new CliError(`published report refused: ${release.left.message}`, 2);
  return {
    window: releaseWindow(release.right),
    disclosure: { mode: "published", minCell: calendar.minCell },
    warning: overridden
      ? `warning: ${release.right.id} follows a release calendar other than the configuration's (${calendar.period}, lag ${calendar.lagDays} days, from ${calendar.start}, threshold ${calendar.minCell}); releases of two calendars over one journal can be differenced against each other: publish on one calendar only\n`
      : null,
  };
};
