import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_RELEASE_CALENDAR,
  describeReleased,
  type PublicationRefused,
  type Release,
  type ReleaseRequest,
  releaseById,
  releaseCalendarSchema,
  releasedPeriods,
  releaseFor,
  releaseNamed,
  requestedRelease,
} from "../src/index.js";

const NOW = "2019-01-01T00:00:00.000Z";
const quarterly = releaseCalendarSchema.parse({ period: "quarter", lagDays: 15 });

const refusal = (result: E.Either<PublicationRefused, Release>): PublicationRefused => {
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
};

describe("the release calendar", () => {
  it("defaults to quarterly releases from May 2017, 15 days after each quarter, threshold 3", () => {
    expect(DEFAULT_RELEASE_CALENDAR).toEqual({
      start: "2017-05-01",
      period: "quarter",
      lagDays: 15,
      minCell: 3,
    });
  });

  it("names monthly, quarterly and yearly periods with their days and release instant", () => {
    const month = releaseCalendarSchema.parse({ period: "month", lagDays: 0 });
    expect(releaseById(month, "2017-02")).toEqual(
      E.right({
        id: "2017-02",
        from: "2017-02-01",
        to: "2017-02-28",
        releasedAt: "2017-02-28T23:59:59.999Z",
      }),
    );
    expect(releaseById(quarterly, "2017-Q4")).toEqual(
      E.right({
        id: "2017-Q4",
        from: "2017-10-01",
        to: "2017-12-31",
        releasedAt: "2018-01-15T23:59:59.999Z",
      }),
    );
    const year = releaseCalendarSchema.parse({ period: "year", lagDays: 31 });
    expect(releaseById(year, "2018")).toEqual(
      E.right({ id: "2018", from: "2018-01-01", to: "2018-12-31", releasedAt: "2019-01-31T23:59:59.999Z" }),
    );
    expect(refusal(releaseById(quarterly, "2017-05")).message).toContain("named like 2017-Q2");
  });

  it("lists the periods released by now, from the one holding the start", () => {
    expect(releasedPeriods(quarterly, NOW).map((r) => r.id)).toEqual([
      "2017-Q2",
      "2017-Q3",
      "2017-Q4",
      "2018-Q1",
      "2018-Q2",
      "2018-Q3",
    ]);
  });

  it("accepts exactly a released period, as of its release instant or without an as-of", () => {
    const q3 = { from: "2017-07-01", to: "2017-09-30" };
    const released = releaseFor(quarterly, { ...q3, asOf: null }, NOW);
    expect(E.isRight(released) && released.right.id).toBe("2017-Q3");
    expect(releaseFor(quarterly, { ...q3, asOf: "2017-10-15T23:59:59.999Z" }, NOW)).toEqual(released);
    expect(releaseNamed(quarterly, "2017-Q3", NOW)).toEqual(released);
  });

  it("refuses any other window, as-of, an unreleased period or one before the start, with a Left saying why", () => {
    const other = refusal(releaseFor(quarterly, { from: "2017-07-01", to: "2017-09-29", asOf: null }, NOW));
    expect(other.reason).toBe("window");
    expect(other.message).toContain("2017-07-01..2017-09-29 is not a period of the release calendar");
    expect(refusal(releaseFor(quarterly, { from: null, to: null, asOf: null }, NOW)).reason).toBe("window");
    const asOf = refusal(
      releaseFor(quarterly, { from: "2017-07-01", to: "2017-09-30", asOf: "2017-10-15T23:59:59.998Z" }, NOW),
    );
    expect(asOf.reason).toBe("as-of");
    expect(asOf.message).toContain("is not the release instant of 2017-Q3 (2017-10-15T23:59:59.999Z)");
    const early = refusal(releaseNamed(quarterly, "2018-Q4", NOW));
    expect(early.reason).toBe("not-yet-released");
    expect(early.message).toContain("2018-Q4 is released at 2019-01-15T23:59:59.999Z");
    expect(refusal(releaseNamed(quarterly, "2017-Q1", NOW)).message).toContain(
      "the calendar starts on 2017-05-01",
    );
  });

  it("is validated: a threshold below 3, an unknown period or a negative lag is refused naming the field", () => {
    const low = releaseCalendarSchema.safeParse({ minCell: 2 });
    expect(low.success).toBe(false);
    expect(low.error?.issues[0]?.path).toEqual(["minCell"]);
    expect(releaseCalendarSchema.safeParse({ period: "week" }).error?.issues[0]?.message).toBe(
      "period must be month, quarter or year",
    );
    expect(releaseCalendarSchema.safeParse({ lagDays: -1 }).error?.issues[0]?.path).toEqual(["lagDays"]);
    expect(releaseCalendarSchema.safeParse({ extra: 1 }).success).toBe(false);
  });

  it("resolves a request as the CLI and the case service do: an id, a period's days, or nothing (the latest)", () => {
    const request = (r: Partial<ReleaseRequest>): ReleaseRequest => ({
      release: null,
      from: null,
      to: null,
      asOf: null,
      ...r,
    });
    const latest = releaseNamed(quarterly, "2018-Q3", NOW);
    expect(E.isRight(latest)).toBe(true);
    expect(requestedRelease(quarterly, request({}), NOW)).toEqual(latest);
    expect(requestedRelease(quarterly, request({ release: "2018-Q3" }), NOW)).toEqual(latest);
    expect(refusal(requestedRelease(quarterly, request({ release: "2018-Q4" }), NOW)).reason).toBe(
      "not-yet-released",
    );
    expect(requestedRelease(quarterly, request({ from: "2018-10-01", to: "2018-12-31" }), NOW)).toEqual(
      E.left({
        kind: "PublicationRefused",
        reason: "not-yet-released",
        message:
          "2018-Q4 is released at 2019-01-15T23:59:59.999Z: not before (a release never changes once published); released: 2017-Q2 … 2018-Q3 (6 quarters)",
      }),
    );
    const q3 = request({ from: "2018-07-01", to: "2018-09-30" });
    expect(E.isRight(requestedRelease(quarterly, q3, NOW))).toBe(true);
    expect(refusal(requestedRelease(quarterly, request({ ...q3, release: "2018-Q3" }), NOW)).message).toMatch(
      /^a release id names the period/,
    );
    expect(refusal(requestedRelease(quarterly, request({ asOf: NOW }), NOW)).reason).toBe("as-of");
    const early = refusal(requestedRelease(quarterly, request({}), "2017-07-01T00:00:00.000Z"));
    expect(early.message).toBe(
      "nothing is published before the first release (2017-Q2, at 2017-07-15T23:59:59.999Z); no quarter has been released yet",
    );
    expect(describeReleased(quarterly, "2017-07-16T00:00:00.000Z")).toBe("released: 2017-Q2 (1 quarter)");
  });
});
