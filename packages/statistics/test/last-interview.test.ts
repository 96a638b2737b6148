import type { CommandInputEnvelope } from "@insieme/domain";
import { describe, expect, it } from "vitest";
import { type Report, StatisticsReplay } from "../src/index.js";
import { applicationData, CV, IN_TARGET_SCORES, operator } from "./support/fixtures.js";
import { column, rawReport, tableOf } from "./support/report-reading.js";
import { runCommands } from "./support/run-commands.js";

/** Applies on 2018-03-01, screened in target, no_show on 2018-03-20, immediately placeable on 2018-04-20. */
const noShowThenPlaceable: CommandInputEnvelope[] = [
  {
    commandId: "c-1",
    type: "SubmitApplication",
    occurredAt: "2018-03-01T09:00:00Z",
    actor: operator,
    data: applicationData("cand-1", {
      givenName: "Maria",
      familyName: "Rossi",
      codiceFiscale: "RSSMRA70C41A944O",
    }),
  },
  {
    commandId: "c-2",
    type: "ScreenCandidate",
    occurredAt: "2018-03-05T09:00:00Z",
    actor: operator,
    data: { candidateId: "cand-1", inOtherActiveMeasure: false, scores: IN_TARGET_SCORES },
  },
  {
    commandId: "c-3",
    type: "RecordFirstInterview",
    occurredAt: "2018-03-20T09:00:00Z",
    actor: operator,
    data: { candidateId: "cand-1", outcome: "no_show", transversalSkills: [], cv: null },
  },
  {
    commandId: "c-4",
    type: "RecordFirstInterview",
    occurredAt: "2018-04-20T09:00:00Z",
    actor: operator,
    data: {
      candidateId: "cand-1",
      outcome: "immediately_placeable",
      transversalSkills: [{ skill: "reliability", level: 3 }],
      cv: CV,
    },
  },
];

/** The raw report of everything replayed, from day `from` on. */
const report = (replay: StatisticsReplay, from: string | null): Report =>
  rawReport(replay, { from, to: null });

describe("a no_show followed by another interview: the last interview counts", () => {
  it("counts the cohort by the last interview's outcome", async () => {
    const { events } = await runCommands(noShowThenPlaceable);
    const cohort = column(
      tableOf(report(new StatisticsReplay().applyAll(events), null), "firstInterviewOutcomes", "cohort"),
    );
    expect(cohort.no_show).toBe(0);
    expect(cohort.immediately_placeable).toBe(1);
    expect(cohort.awaiting).toBe(0);
  });

  it("counts the person once, as placeable, in the period of the last interview", async () => {
    const { events } = await runCommands(noShowThenPlaceable);
    const replay = new StatisticsReplay().applyAll(events);
    const all = report(replay, null);
    expect(column(tableOf(all, "immediatelyPlaceable", "share"))).toEqual({
      immediately_placeable: 1,
      other_outcomes: 0,
    });
    const april = report(replay, "2018-04-01");
    expect(column(tableOf(april, "immediatelyPlaceable", "share"))).toEqual({
      immediately_placeable: 1,
      other_outcomes: 0,
    });
    const share = april.statistics
      .find((s) => s.id === "immediatelyPlaceable")
      ?.figures?.find((f) => f.key === "immediatelyPlaceableShare");
    expect(share?.value).toBe(100);
  });

  it("does not count the person in the period of the no_show alone", async () => {
    const { events } = await runCommands(noShowThenPlaceable);
    const replay = new StatisticsReplay().applyAll(events);
    const march = rawReport(replay, { from: "2018-03-01", to: "2018-03-31" });
    expect(column(tableOf(march, "immediatelyPlaceable", "share"))).toEqual({
      immediately_placeable: 0,
      other_outcomes: 0,
    });
  });
});
