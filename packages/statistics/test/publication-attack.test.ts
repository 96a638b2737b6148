import type { RecordedEvent } from "@insieme/kernel";
import { syntheticProgramme } from "@insieme/scenarios";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { RELEASE_PERIODS, releaseCalendarSchema, releasedPeriods } from "../src/index.js";
import {
  type AttackFigures,
  attackAcrossReleases,
  attackPublication,
  emptyFigures,
  obtainWindows,
} from "./support/attacker.js";
import { recordedPublishedScenario, recordedSynthetic } from "./support/recorded-history.js";

const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

const print = (what: string, f: AttackFigures) => {
  console.log(
    `${what}: windows tried ${f.windowsTried} (allowed ${f.windowsAllowed}), as-of instants tried ${f.asOfTried} (allowed ${f.asOfAllowed}), releases ${f.releases}, release pairs differenced ${f.releasePairs} (overlapping ${f.overlappingPairs}), cells differenced ${f.differencedCells}, releases asked again ${f.republished}, linked relations ${f.linkedRelations}, line sums ${f.lineSums}, withheld cells attacked ${f.withheldCells}, recovered ${f.recovered}`,
  );
};

describe("an attacker of the published reports recovers no withheld count", () => {
  let scenario: RecordedEvent[];
  beforeAll(async () => {
    scenario = await recordedPublishedScenario(40);
  });

  it("on the published scenario, for monthly, quarterly and yearly releases", () => {
    const now = later(scenario.at(-1)?.recordedAt ?? "2020-01-01T00:00:00.000Z", 400);
    const total = emptyFigures();
    for (const period of RELEASE_PERIODS) {
      const figures = emptyFigures();
      attackPublication(scenario, releaseCalendarSchema.parse({ period }), now, figures, true);
      print(`published scenario, ${period}`, figures);
      expect(figures.recoveries).toEqual([]);
      expect(figures.releases).toBeGreaterThan(0);
      expect(figures.withheldCells).toBeGreaterThan(0);
      for (const key of Object.keys(total) as (keyof AttackFigures)[]) {
        if (key !== "recoveries") (total[key] as number) += figures[key] as number;
      }
    }
    print("published scenario, all calendars", total);
    expect(total.recovered).toBe(0);
  });

  it("the same attacker recovers counts from reports not confined to releases (the control)", () => {
    const calendar = releaseCalendarSchema.parse({ period: "month" });
    const releases = releasedPeriods(calendar, "2018-12-31T00:00:00.000Z").slice(0, 8);
    // Cumulative windows from the start, one a release apart, and one day apart.
    const cumulative = obtainWindows(
      scenario,
      releases.flatMap((r) => [
        { id: `to ${r.to}`, from: calendar.start, to: r.to, asOf: null },
        {
          id: `to ${r.to} + 1 day`,
          from: calendar.start,
          to: later(`${r.to}T00:00:00.000Z`, 1).slice(0, 10),
          asOf: null,
        },
      ]),
      calendar.minCell,
    );
    const figures = emptyFigures();
    attackAcrossReleases(cumulative, calendar.minCell, figures);
    print("control: cumulative windows", figures);
    expect(figures.recovered - figures.overlappingPairs).toBeGreaterThan(0);
  });

  it("on random histories with late recordings (fast-check)", async () => {
    const total = emptyFigures();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          candidates: fc.integer({ min: 10, max: 60 }),
          perMonth: fc.integer({ min: 3, max: 20 }),
          delay: fc.integer({ min: 0, max: 60 }),
          period: fc.constantFrom(...RELEASE_PERIODS),
          lagDays: fc.integer({ min: 0, max: 30 }),
          minCell: fc.integer({ min: 3, max: 5 }),
        }),
        async ({ seed, candidates, perMonth, delay, period, lagDays, minCell }) => {
          const events = await recordedSynthetic(
            syntheticProgramme({ seed, candidates, applicationsPerMonth: perMonth }),
            delay,
            seed,
          );
          const now = later(events.at(-1)?.recordedAt ?? "2020-01-01T00:00:00.000Z", 400);
          const figures = emptyFigures();
          const calendar = releaseCalendarSchema.parse({ period, lagDays, minCell });
          attackPublication(events, calendar, now, figures, false);
          for (const key of Object.keys(total) as (keyof AttackFigures)[]) {
            if (key === "recoveries") total.recoveries.push(...figures.recoveries);
            else (total[key] as number) += figures[key] as number;
          }
          expect(figures.recoveries).toEqual([]);
        },
      ),
      { numRuns: 10 },
    );
    print("random histories (10 runs)", total);
    expect(total.recovered).toBe(0);
  });
});
