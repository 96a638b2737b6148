import { syntheticProgramme } from "@insieme/scenarios";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StatisticsReplay } from "../src/index.js";
import { oracle, type Window } from "./support/oracle.js";
import { column, nonZero, rawReport, tableOf } from "./support/report-reading.js";
import { runCommands } from "./support/run-commands.js";

const programmeArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  candidates: fc.integer({ min: 3, max: 40 }),
  perMonth: fc.integer({ min: 3, max: 12 }),
  from: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  length: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
});

const dayAfter = (start: string, days: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("every statistic against an oracle computed from the commands", () => {
  it("agrees with the oracle for random programmes and periods", async () => {
    await fc.assert(
      fc.asyncProperty(programmeArb, async ({ seed, candidates, perMonth, from, length }) => {
        const { events, commands } = await runCommands(
          syntheticProgramme({ seed, candidates, applicationsPerMonth: perMonth }),
        );
        const window: Window = {
          from: from === null ? null : dayAfter("2017-05-01", from),
          to: length === null ? null : dayAfter("2017-05-01", (from ?? 0) + length),
        };
        const report = rawReport(new StatisticsReplay().applyAll(events), window);
        const want = oracle(commands, window);

        const trend = tableOf(report, "applicationsTrend", "byMonth");
        expect(nonZero(column(trend)), "applicationsTrend").toEqual(want.applicationsByMonth);
        expect(
          nonZero(column(tableOf(report, "applicantsProfile", "education"))),
          "applicantsProfile.education",
        ).toEqual(want.education);
        expect(
          nonZero(column(tableOf(report, "applicantsProfile", "ageBand"))),
          "applicantsProfile.ageBand",
        ).toEqual(want.ageBand);
        expect(
          nonZero(column(tableOf(report, "applicantsProfile", "gender"))),
          "applicantsProfile.gender",
        ).toEqual(want.gender);
        const referrers = tableOf(report, "referrers", "byReferrer");
        const byReferrer: Record<string, number> = {};
        for (const row of referrers.rows) {
          referrers.columns.forEach((c, i) => {
            byReferrer[`${row.key}/${c.key}`] = row.cells[i] as number;
          });
        }
        expect(nonZero(byReferrer), "referrers").toEqual(want.referrerChannel);
        expect(
          nonZero(column(tableOf(report, "screeningOutcomes", "byOutcome"))),
          "screeningOutcomes",
        ).toEqual(nonZero({ ...want.screening, in_target: want.screening.in_target ?? 0, other: 0 }));
        const municipalities = column(tableOf(report, "territory", "byMunicipality"));
        expect(nonZero(municipalities), "territory.byMunicipality").toEqual(want.municipality);
        expect(nonZero(column(tableOf(report, "territory", "byQuartiere"))), "territory.byQuartiere").toEqual(
          want.quartiere,
        );
        expect(
          nonZero(column(tableOf(report, "socialServicesCheck", "byResult"))),
          "socialServicesCheck",
        ).toEqual(want.socialServices);
        const cohort = column(tableOf(report, "firstInterviewOutcomes", "cohort"));
        const applications = want.cohort.applications ?? 0;
        const closed = Object.entries(want.cohort).reduce(
          (t, [k, v]) => (k === "applications" ? t : t + v),
          0,
        );
        expect(nonZero(cohort), "firstInterviewOutcomes").toEqual(
          nonZero({ ...want.cohort, applications: 0, awaiting: applications - closed }),
        );
        const share = column(tableOf(report, "immediatelyPlaceable", "share"));
        expect(share, "immediatelyPlaceable.share").toEqual({
          immediately_placeable: want.placeable.placeable,
          other_outcomes: want.placeable.interviewed - want.placeable.placeable,
        });
        expect(
          nonZero(column(tableOf(report, "immediatelyPlaceable", "gender"))),
          "immediatelyPlaceable.gender",
        ).toEqual(want.placeable.gender);
        expect(
          nonZero(column(tableOf(report, "immediatelyPlaceable", "ageBand"))),
          "immediatelyPlaceable.ageBand",
        ).toEqual(want.placeable.ageBand);
        expect(
          nonZero(column(tableOf(report, "immediatelyPlaceable", "education"))),
          "immediatelyPlaceable.education",
        ).toEqual(want.placeable.education);
        expect(nonZero(column(tableOf(report, "companies", "byChannel"))), "companies").toEqual(
          want.companies,
        );
        expect(column(tableOf(report, "companies", "active")).active, "companies.active").toBe(
          want.companiesActive,
        );
        const projects = tableOf(report, "projects", "byKind");
        for (const row of projects.rows) {
          const got = nonZero(
            Object.fromEntries(projects.columns.map((c, i) => [c.key, row.cells[i] as number])),
          );
          expect(got, `projects.${row.key}`).toEqual(nonZero(want.projects[row.key] ?? {}));
        }
        const hirings = tableOf(report, "results", "hirings");
        const byContract: Record<string, number> = {};
        for (const row of hirings.rows) {
          hirings.columns.forEach((c, i) => {
            byContract[`${row.key}/${c.key}`] = row.cells[i] as number;
          });
        }
        expect(nonZero(byContract), "results.hirings").toEqual(want.hirings);
        expect(column(tableOf(report, "results", "paths")), "results.paths").toEqual({
          internshipsStarted: want.internships,
          autonomyReached: want.autonomy,
        });
      }),
      { numRuns: 12 },
    );
  });
});
