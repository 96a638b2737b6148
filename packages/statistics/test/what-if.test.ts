import {
  addConfigurationVersions,
  type ConfigurationVersion,
  type EventData,
  ILLUSTRATIVE_CONFIGURATION,
  ILLUSTRATIVE_FRAGILITY_PROFILE,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import type { InMemoryEventStore } from "@insieme/kernel";
import { syntheticProgramme } from "@insieme/scenarios";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { renderWhatIfText, whatIfFromStore } from "../src/index.js";
import { runCommands } from "./support/run-commands.js";

const V1 = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules as ConfigurationVersion;

/** The illustrative configuration under another id, with the conclamata threshold at `threshold` ‰. */
const withThreshold = (threshold: number): ProgrammeConfiguration => {
  const rules: ConfigurationVersion = {
    ...V1,
    id: "what-if",
    fragilityProfiles: [
      {
        ...ILLUSTRATIVE_FRAGILITY_PROFILE,
        version: 2,
        conclamata: { ...ILLUSTRATIVE_FRAGILITY_PROFILE.conclamata, thresholdPermille: threshold },
      },
    ],
  };
  const parsed = addConfigurationVersions(null, [rules], "test");
  if (E.isLeft(parsed)) throw new Error(parsed.left.message);
  return parsed.right;
};

/** The reference model: the screening outcome from the recorded dimension indices, with threshold `t`. */
const referenceOutcome = (d: EventData<"CandidateScreened">, t: number): string => {
  const rulesMet = Object.values(d.rules).every((r) => r === "met");
  if (!rulesMet || d.profiling === null) return d.outcome;
  const index = (id: string) => d.profiling?.dimensions.find((x) => x.dimension === id)?.indexPermille ?? 0;
  const conclamata = index("labour") >= t && (index("social") >= t || index("health") >= t);
  if (conclamata) return "fragility_conclamata";
  return d.profiling.indexPermille < ILLUSTRATIVE_FRAGILITY_PROFILE.targetFloorPermille
    ? "not_in_target"
    : "in_target";
};

let store: InMemoryEventStore;

beforeAll(async () => {
  ({ store } = await runCommands(
    syntheticProgramme({ seed: 11, candidates: 160, applicationsPerMonth: 30 }),
  ));
});

describe("what-if replays", () => {
  it("under the same configuration nothing changes", async () => {
    const result = await whatIfFromStore(store, ILLUSTRATIVE_CONFIGURATION);
    if (E.isLeft(result)) throw new Error(result.left.message);
    expect(result.right.changedCells).toBe(0);
    expect(result.right.moved).toEqual([]);
    expect(result.right.cannotJudge).toEqual([]);
    expect(
      result.right.statistics.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap((r) => r.cells))),
    ).toSatisfy(
      (cells: { current: unknown; whatIf: unknown }[]) =>
        cells.length > 50 && cells.every((c) => c.current === c.whatIf),
    );
    expect(renderWhatIfText(result.right)).toContain("Nessuna cella cambia.");
  });

  it("property: another threshold moves exactly the persons the reference model moves, and no one else", async () => {
    const screenings = [...store.events()]
      .filter((e) => e.type === "CandidateScreened")
      .map((e) => e.data as EventData<"CandidateScreened">);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async (threshold) => {
        const result = await whatIfFromStore(store, withThreshold(threshold));
        if (E.isLeft(result)) throw new Error(result.left.message);
        const expected = screenings
          .filter((d) => referenceOutcome(d, threshold) !== d.outcome)
          .map((d) => `${d.candidateId}:${referenceOutcome(d, threshold)}`)
          .sort();
        const actual = result.right.moved.map((m) => `${m.candidateId}:${m.whatIf.outcome}`).sort();
        expect(actual).toEqual(expected);
        const screened = result.right.statistics.find((s) => s.id === "screeningOutcomes")?.tables[0];
        const inTarget = screened?.rows.find((r) => r.key === "in_target")?.cells[0];
        const movedOut = result.right.moved.filter((m) => m.current.outcome === "in_target").length;
        const movedIn = result.right.moved.filter((m) => m.whatIf.outcome === "in_target").length;
        expect(inTarget?.whatIf).toBe((inTarget?.current as number) - movedOut + movedIn);
      }),
      { numRuns: 12 },
    );
  });

  it("lists the cases the other rules cannot judge from what was recorded", async () => {
    const needsMore: ConfigurationVersion = {
      ...V1,
      id: "more-items",
      fragilityProfiles: [
        {
          ...ILLUSTRATIVE_FRAGILITY_PROFILE,
          version: 3,
          dimensions: ILLUSTRATIVE_FRAGILITY_PROFILE.dimensions.map((d, i) =>
            i === 0
              ? { ...d, items: [...d.items, { id: "digital_skills", label: "Digital skills", weight: 1 }] }
              : d,
          ),
        },
      ],
      eligibility: { ...V1.eligibility, minimumAge: 40 },
    };
    const configuration = addConfigurationVersions(null, [needsMore], "test");
    if (E.isLeft(configuration)) throw new Error(configuration.left.message);
    const result = await whatIfFromStore(store, configuration.right);
    if (E.isLeft(result)) throw new Error(result.left.message);
    const reasons = result.right.cannotJudge.map((c) => c.reason);
    expect(reasons.some((r) => r.startsWith("profiling-scores-incomplete"))).toBe(true);
    expect(reasons.some((r) => r.includes("applicant-under-age"))).toBe(true);
    expect(
      result.right.cannotJudge.every((c) => c.personId === null || /^[A-Za-z0-9._:-]+$/.test(c.personId)),
    ).toBe(true);
  });
});
