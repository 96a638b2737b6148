import type { ReleaseCalendar, ReleasePeriod } from "@insieme/domain";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { ReportWindow } from "../report/model.js";

export {
  DEFAULT_RELEASE_CALENDAR,
  RELEASE_PERIODS,
  type ReleaseCalendar,
  type ReleaseCalendarInput,
  type ReleasePeriod,
  releaseCalendarAt,
  releaseCalendarSchema,
} from "@insieme/domain";

/** One period of the calendar: its id (`2017-05`, `2017-Q2`, `2017`), days and release instant. */
export interface Release {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly releasedAt: string;
}

/** Why a published report was refused; the message names the option and what is allowed instead. */
export interface PublicationRefused {
  readonly kind: "PublicationRefused";
  readonly reason: "window" | "as-of" | "not-yet-released" | "release";
  readonly message: string;
}

const refused = (reason: PublicationRefused["reason"], message: string): PublicationRefused => ({
  kind: "PublicationRefused",
  reason,
  message,
});

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const monthsOf: Record<ReleasePeriod, number> = { month: 1, quarter: 3, year: 12 };

/** The period of `calendar` that starts at month `index` (months since year 0). */
const releaseAt = (calendar: ReleaseCalendar, index: number): Release => {
  const span = monthsOf[calendar.period];
  const start = index - (index % span);
  const year = Math.floor(start / 12);
  const month = start % 12;
  const from = Date.UTC(year, month, 1);
  const next = Date.UTC(year, month + span, 1);
  const id =
    calendar.period === "year"
      ? String(year).padStart(4, "0")
      : calendar.period === "quarter"
        ? `${String(year).padStart(4, "0")}-Q${month / 3 + 1}`
        : `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}`;
  return {
    id,
    from: isoDay(from),
    to: isoDay(next - DAY_MS),
    releasedAt: new Date(next + calendar.lagDays * DAY_MS - 1).toISOString(),
  };
};

const monthIndex = (day: string): number => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

/** The period that holds `day` (YYYY-MM-DD). */
export const releaseOfDay = (calendar: ReleaseCalendar, day: string): Release =>
  releaseAt(calendar, monthIndex(day));

const RELEASE_ID = {
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
} as const;

/** The period named `id` (`2017-05` monthly, `2017-Q2` quarterly, `2017` yearly). */
export const releaseById = (calendar: ReleaseCalendar, id: string): Either<PublicationRefused, Release> => {
  const match = RELEASE_ID[calendar.period].exec(id);
  if (match === null) {
    const example = releaseOfDay(calendar, "2017-05-01").id;
    return E.left(
      refused("release", `release ${JSON.stringify(id)}: a ${calendar.period} is named like ${example}`),
    );
  }
  const year = Number(match[1]);
  const part = calendar.period === "year" ? 0 : Number(match[2]) - 1;
  return E.right(releaseAt(calendar, year * 12 + (calendar.period === "quarter" ? part * 3 : part)));
};

/** The release of `id` when it has been released by `now` (see `releaseFor`). */
export const releaseNamed = (
  calendar: ReleaseCalendar,
  id: string,
  now: string,
): Either<PublicationRefused, Release> =>
  E.flatMap(releaseById(calendar, id), (r) =>
    releaseFor(calendar, { from: r.from, to: r.to, asOf: null }, now),
  );

/** Every period of the calendar whose release instant is at or before `now`, oldest first. */
export const releasedPeriods = (calendar: ReleaseCalendar, now: string): Release[] => {
  const out: Release[] = [];
  for (let index = monthIndex(calendar.start); ; index += monthsOf[calendar.period]) {
    const release = releaseAt(calendar, index);
    if (release.releasedAt > now) return out;
    out.push(release);
  }
};

/**
 * The release a published report asks for, or why it is refused: the window must be exactly one period of the
 * calendar (first to last day, not before the calendar's start), the as-of instant, when given, must be that period's release instant, and the
 * release instant must have passed (`now`, from the caller's clock), so that a release never changes once
 * published. Any other window or as-of is for the raw report, for authorised staff.
 */
export const releaseFor = (
  calendar: ReleaseCalendar,
  window: ReportWindow,
  now: string,
): Either<PublicationRefused, Release> => {
  if (window.from === null || window.to === null) {
    return E.left(
      refused(
        "window",
        `a published report covers one ${calendar.period} of the release calendar: give its first and last day (from and to), or its release id`,
      ),
    );
  }
  const release = releaseOfDay(calendar, window.from);
  if (window.from !== release.from || window.to !== release.to) {
    return E.left(
      refused(
        "window",
        `${window.from}..${window.to} is not a period of the release calendar: published reports cover one ${calendar.period} (e.g. ${release.id}: ${release.from}..${release.to}); other windows are for the raw report`,
      ),
    );
  }
  if (release.to < calendar.start) {
    return E.left(
      refused(
        "window",
        `${release.id} ends before the programme's first release period (the calendar starts on ${calendar.start})`,
      ),
    );
  }
  if (window.asOf !== null && window.asOf !== release.releasedAt) {
    return E.left(
      refused(
        "as-of",
        `as-of ${window.asOf} is not the release instant of ${release.id} (${release.releasedAt}): a published report is as of its release instant only; other instants are for the raw report`,
      ),
    );
  }
  if (release.releasedAt > now) {
    return E.left(
      refused(
        "not-yet-released",
        `${release.id} is released at ${release.releasedAt}: not before (a release never changes once published)`,
      ),
    );
  }
  return E.right(release);
};

/** The window of a release: its days, as of its release instant. */
export const releaseWindow = (release: Release): ReportWindow => ({
  from: release.from,
  to: release.to,
  asOf: release.releasedAt,
});
