import { type CommandInputEnvelope, ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import { describe, expect, it } from "vitest";
import { buildReport, type Report, StatisticsReplay } from "../src/index.js";
import { column, tableOf } from "./support/report-reading.js";
import { runCommands } from "./support/run-commands.js";

const operator = { id: "op-1", role: "operator" } as const;

const IN_TARGET_SCORES = [
  ...["unemployment_length", "work_experience", "skills_gap", "job_search_autonomy"].map((item) => ({
    item,
    score: 2,
  })),
  ...["economic_hardship", "housing", "family_network", "social_isolation"].map((item) => ({
    item,
    score: 1,
  })),
  ...["physical_health", "mental_health", "dependencies"].map((item) => ({ item, score: 0 })),
];

const CV = {
  languages: [{ language: "it", level: "native" as const }],
  experiences: [{ sector: "I" as const, occupationGroup: 5, years: 4 }],
  drivingLicence: true,
  availability: { fullTime: true, partTime: true, shifts: false, weekends: false },
  desiredSectors: ["I" as const],
};

/** Applies on 2018-03-01, screened in target, no_show on 2018-03-20, immediately placeable on 2018-04-20. */
const noShowThenPlaceable: CommandInputEnvelope[] = [
  {
    commandId: "c-1",
    type: "SubmitApplication",
    occurredAt: "2018-03-01T09:00:00Z",
    actor: operator,
    data: {
      candidateId: "cand-1",
      channel: "online_form",
      referrer: "parish_caritas",
      birthYear: 1970,
      gender: "female",
      educationLevel: "upper_secondary",
      citizenship: "italian",
      residence: { municipalityIstat: "037006", quartiere: "navile" },
      unemploymentDuration: "12_24_months",
      economicCondition: "isee_6k_12k",
      personal: {
        givenName: "Maria",
        familyName: "Rossi",
        codiceFiscale: "RSSMRA70C41A944O",
        email: null,
        phone: null,
      },
    },
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

const report = (replay: StatisticsReplay, from: string | null): Report =>
  buildReport(
    replay.snapshot(),
    {
      store: { kind: "memory", location: "test" },
      lastPosition: replay.lastPosition,
      eventsReplayed: replay.eventsApplied,
      journalHash: { kind: "sha256-canonical-events", value: "0" },
    },
    {
      window: { from, to: null, asOf: null },
      disclosure: { mode: "raw" },
      configuration: ILLUSTRATIVE_CONFIGURATION,
    },
  );

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
    const march = buildReport(
      replay.snapshot(),
      {
        store: { kind: "memory", location: "test" },
        lastPosition: replay.lastPosition,
        eventsReplayed: replay.eventsApplied,
        journalHash: { kind: "sha256-canonical-events", value: "0" },
      },
      {
        window: { from: "2018-03-01", to: "2018-03-31", asOf: null },
        disclosure: { mode: "raw" },
        configuration: ILLUSTRATIVE_CONFIGURATION,
      },
    );
    expect(column(tableOf(march, "immediatelyPlaceable", "share"))).toEqual({
      immediately_placeable: 0,
      other_outcomes: 0,
    });
  });
});
