import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import {
  type PublicationRefused,
  type Release,
  type ReleaseCalendar,
  releaseById,
  releasedPeriods,
  releaseFor,
  releaseOfDay,
} from "./release-calendar.js";

/**
 * What a reader asks a published report for, as `insieme report` and the case service's `GET /report` take it:
 * a release id, or a period's first and last day, optionally with an as-of instant, or nothing (the latest
 * release).
 */
export interface ReleaseRequest {
  readonly release: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly asOf: string | null;
}

/** The released periods by `now`, in words: `2017-Q2 … 2026-Q3 (38 quarters)`, or that none is yet. */
export const describeReleased = (calendar: ReleaseCalendar, now: string): string => {
  const released = releasedPeriods(calendar, now);
  const first = released[0];
  const last = released[released.length - 1];
  if (first === undefined || last === undefined) return `no ${calendar.period} has been released yet`;
  const count = `${released.length} ${calendar.period}${released.length === 1 ? "" : "s"}`;
  return first === last
    ? `released: ${first.id} (${count})`
    : `released: ${first.id} … ${last.id} (${count})`;
};

const withReleased = (calendar: ReleaseCalendar, now: string) => (refused: PublicationRefused) => ({
  ...refused,
  message: `${refused.message}; ${describeReleased(calendar, now)}`,
});

/**
 * The one rule of published reports, shared by the CLI and the case service: the release a request names (its
 * id, or its period's first and last day), as of its release instant only, released by `now` (the caller's clock,
 * never read here); no window at all means the latest release. Anything else is refused, and the refusal's
 * message ends with the periods released so far.
 */
export const requestedRelease = (
  calendar: ReleaseCalendar,
  request: ReleaseRequest,
  now: string,
): Either<PublicationRefused, Release> => {
  const refuse = withReleased(calendar, now);
  if (request.release !== null) {
    if (request.from !== null || request.to !== null) {
      return E.left(
        refuse({
          kind: "PublicationRefused",
          reason: "window",
          message: "a release id names the period: give it without from and to",
        }),
      );
    }
    return E.mapLeft(refuse)(
      E.flatMap(releaseById(calendar, request.release), (r) =>
        releaseFor(calendar, { from: r.from, to: r.to, asOf: request.asOf }, now),
      ),
    );
  }
  if (request.from === null && request.to === null) {
    const latest = releasedPeriods(calendar, now).at(-1);
    if (latest === undefined) {
      const first = releaseOfDay(calendar, calendar.start);
      return E.left(
        refuse({
          kind: "PublicationRefused",
          reason: "not-yet-released",
          message: `nothing is published before the first release (${first.id}, at ${first.releasedAt})`,
        }),
      );
    }
    return E.mapLeft(refuse)(
      releaseFor(calendar, { from: latest.from, to: latest.to, asOf: request.asOf }, now),
    );
  }
  return E.mapLeft(refuse)(releaseFor(calendar, request, now));
};
