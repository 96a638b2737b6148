import { type CommandInputEnvelope, ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import { canonicalJson, type RecordedEvent } from "@insieme/kernel";
import { syntheticProgramme } from "@insieme/scenarios";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { buildReport, replayStore, StatisticsReplay } from "../src/index.js";
import {
  type AnyCorrection,
  afterHistory,
  anyCorrection,
  asCorrected,
  CORRECTED_TYPES,
  correctionCommands,
  runAccepted,
} from "./support/corrected-history.js";
import { oracle, type Window } from "./support/oracle.js";
import { column, nonZero, rawReport, tableOf } from "./support/report-reading.js";
import { runCommands } from "./support/run-commands.js";

const operator = { id: "op-9", role: "operator" } as const;
const GENDERS = ["male", "female", "non_binary", "not_stated"] as const;
const EDUCATION = [
  "primary_or_none",
  "lower_secondary",
  "vocational_qualification",
  "upper_secondary",
  "tertiary",
] as const;
const CONTRACTS = ["permanent", "fixed_term", "on_call", "apprenticeship", "other"] as const;

/** One correction: which fact (by index among its kind), and what the operator says it should have been. */
const correctionArb = fc.oneof(
  fc.record({
    kind: fc.constant("application" as const),
    pick: fc.nat(),
    gender: fc.constantFrom(...GENDERS),
    education: fc.constantFrom(...EDUCATION),
    birthYear: fc.integer({ min: 1950, max: 1998 }),
  }),
  fc.record({
    kind: fc.constant("hiring" as const),
    pick: fc.nat(),
    contractType: fc.constantFrom(...CONTRACTS),
  }),
  fc.record({
    kind: fc.constant("socialCheck" as const),
    pick: fc.nat(),
    result: fc.constantFrom("known" as const, "unknown" as const, "void" as const),
  }),
);

type Pick = typeof correctionArb extends fc.Arbitrary<infer T> ? T : never;

/** The event a command wrote on `stream`. */
const writtenBy = (
  events: readonly RecordedEvent[],
  commandId: string,
  type: string,
): RecordedEvent | undefined => events.find((e) => e.causationId === commandId && e.type === type);

/**
 * Applies random corrections to a synthetic programme: returns the correction commands and the reference — the
 * programme's commands as they should have been (the corrected values sent in the first place, a voided fact never
 * sent).
 */
const corrected = (
  commands: readonly CommandInputEnvelope[],
  events: readonly RecordedEvent[],
  picks: readonly Pick[],
): { corrections: CommandInputEnvelope[]; reference: CommandInputEnvelope[] } => {
  const reference = commands.map((c) => ({
    ...c,
    data: { ...(c.data as object) },
  })) as CommandInputEnvelope[];
  const dropped = new Set<string>();
  const corrections: CommandInputEnvelope[] = [];
  const done = new Set<string>();
  const ofType = (type: string) => reference.filter((c) => c.type === type && !dropped.has(c.commandId));
  picks.forEach((p, i) => {
    const type =
      p.kind === "application"
        ? "SubmitApplication"
        : p.kind === "hiring"
          ? "RecordHiring"
          : "RecordSocialServicesCheck";
    const candidates = ofType(type);
    if (candidates.length === 0) return;
    const command = candidates[p.pick % candidates.length] as CommandInputEnvelope;
    if (done.has(command.commandId)) return;
    done.add(command.commandId);
    const eventType =
      p.kind === "application"
        ? "CandidateApplied"
        : p.kind === "hiring"
          ? "CandidateHired"
          : "SocialServicesCrossChecked";
    const event = writtenBy(events, command.commandId, eventType);
    if (event === undefined) return;
    const data = command.data as Record<string, unknown>;
    let fields: Record<string, unknown> | undefined;
    if (p.kind === "application") {
      // The application rules: the applicant is of age on the application date.
      const birthYear = Math.min(p.birthYear, Number(String(command.occurredAt).slice(0, 4)) - 18);
      fields = { gender: p.gender, educationLevel: p.education, birthYear };
      Object.assign(data, fields);
    } else if (p.kind === "hiring") {
      fields = { contractType: p.contractType };
      Object.assign(data, fields);
    } else if (p.result !== "void") {
      fields = { result: p.result };
      Object.assign(data, fields);
    } else dropped.add(command.commandId);
    corrections.push({
      commandId: `fix-${i}`,
      type: "CorrectFact",
      occurredAt: "2030-06-01T09:00:00Z",
      actor: operator,
      data:
        fields === undefined
          ? { stream: event.streamId, eventId: event.eventId, action: "void", reason: "recorded_twice" }
          : {
              stream: event.streamId,
              revision: event.revision,
              action: "amend",
              fields,
              reason: "typing_error",
            },
    } as CommandInputEnvelope);
  });
  return { corrections, reference: reference.filter((c) => !dropped.has(c.commandId)) };
};

const programmeArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  candidates: fc.integer({ min: 5, max: 30 }),
  picks: fc.array(correctionArb, { minLength: 1, maxLength: 8 }),
});

/** A synthetic programme with what happens after placement (withdrawals, follow-ups, contract ends, re-openings). */
const historyOf = async (seed: number, candidates: number) => {
  // Every fourth candidate stops after the screening (a withdrawal before the first interview can follow).
  const stopped = (c: CommandInputEnvelope): boolean => {
    const id = (c.data as { candidateId?: unknown }).candidateId;
    if (typeof id !== "string") return false;
    const n = Number(id.replace(/\D/g, "").slice(-3));
    return (
      n % 4 === 0 && !["SubmitApplication", "ScreenCandidate", "RecordSocialServicesCheck"].includes(c.type)
    );
  };
  const programme = [...syntheticProgramme({ seed, candidates, applicationsPerMonth: 6 })].filter(
    (c) => !stopped(c as CommandInputEnvelope),
  );
  const run = await runCommands(programme);
  await runAccepted(afterHistory(run.events), run.store, "after");
  return run.store;
};

const everyTypeArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  candidates: fc.integer({ min: 8, max: 30 }),
  picks: fc.array(anyCorrection, { minLength: 1, maxLength: 14 }),
});

/** The statistics of a report, without its provenance (events replayed, hashes, configuration versions). */
const statisticsOf = (replay: StatisticsReplay): string =>
  canonicalJson(rawReport(replay, { from: null, to: null }).statistics);

/** Corrections accepted by type over a property's runs (the runs must reach every type). */
const reached = new Map<string, number>();
const countReached = (events: readonly RecordedEvent[]): void => {
  for (const e of events)
    if (e.type === "FactCorrected") {
      const d = e.data as { correctedType: string; action: string };
      const key = `${d.correctedType} ${d.action}`;
      reached.set(key, (reached.get(key) ?? 0) + 1);
    }
};

describe("corrections: the statistics count the corrected facts", () => {
  it("equal the statistics of the programme as it should have been recorded (reference model)", async () => {
    await fc.assert(
      fc.asyncProperty(programmeArb, async ({ seed, candidates, picks }) => {
        const run = await runCommands(syntheticProgramme({ seed, candidates, applicationsPerMonth: 6 }));
        const { corrections, reference } = corrected(run.commands, run.events, picks);
        const all = await runCommands(corrections, run.store);
        const window: Window = { from: null, to: null };
        const report = rawReport(new StatisticsReplay().applyAll(all.events), window);
        const want = oracle(reference, window);
        for (const key of ["education", "ageBand", "gender"] as const)
          expect(nonZero(column(tableOf(report, "applicantsProfile", key))), key).toEqual(want[key]);
        expect(nonZero(column(tableOf(report, "socialServicesCheck", "byResult"))), "social").toEqual(
          want.socialServices,
        );
        const hirings = tableOf(report, "results", "hirings");
        const byContract: Record<string, number> = {};
        for (const row of hirings.rows)
          hirings.columns.forEach((c, i) => {
            byContract[`${row.key}/${c.key}`] = row.cells[i] as number;
          });
        expect(nonZero(byContract), "results.hirings").toEqual(want.hirings);
        expect(
          nonZero(column(tableOf(report, "immediatelyPlaceable", "gender"))),
          "placeable.gender",
        ).toEqual(want.placeable.gender);
      }),
      { numRuns: 8 },
    );
  });

  it("of every correctable type a statistic reads: one pass over the log equals a replay of the facts as corrected", async () => {
    await fc.assert(
      fc.asyncProperty(everyTypeArb, async ({ seed, candidates, picks }) => {
        const store = await historyOf(seed, candidates);
        const at = (k: number) => `2030-0${6 + k}-01T09:00:00Z`;
        // Two rounds, so that a fact corrected once can be corrected (or voided) again.
        for (const [k, round] of [picks.slice(0, 7), picks.slice(7)].entries())
          await runAccepted(
            correctionCommands([...store.events()], round as AnyCorrection[], at(k)),
            store,
            `fix${k}`,
          );
        const all = [...store.events()];
        countReached(all);
        const replayed = await replayStore(store);
        if (E.isLeft(replayed)) throw new Error(replayed.left.message);
        const reference = new StatisticsReplay().applyAll(asCorrected(all));
        expect(statisticsOf(replayed.right.replay)).toBe(statisticsOf(reference));
      }),
      { numRuns: 25 },
    );
    console.log("corrections accepted over the runs, by type:", Object.fromEntries(reached));
  });

  it("every correctable type a statistic reads is corrected at least once (each tried until the rules accept one), and one pass equals the facts as corrected", async () => {
    const store = await historyOf(7, 40);
    const accepted: string[] = [];
    for (const type of CORRECTED_TYPES)
      for (const action of ["amend", "void"] as const) {
        const ofType = [...store.events()].filter((e) => e.type === type).length;
        for (let k = 0; k < Math.min(ofType, 40); k++) {
          const commands = correctionCommands(
            [...store.events()],
            [{ type, pick: k, void: action === "void", value: k + 1 }],
            `2030-07-${String(1 + (accepted.length % 28)).padStart(2, "0")}T09:00:00Z`,
          ).map((c) => ({ ...c, commandId: `${c.commandId}-${type}-${action}-${k}` }));
          if ((await runAccepted(commands, store, `try-${type}-${action}-${k}`)) > 0) {
            accepted.push(
              `${type} ${String((commands[0]?.data as { action?: string } | undefined)?.action)}`,
            );
            break;
          }
        }
      }
    console.log("corrections accepted on the fixed programme:", accepted.join(", "));
    // The synthetic programme records no OpportunityOffered: every other type is reached (a voided opportunity
    // is counted like a voided need, the same handler: retraction.test.ts).
    const recorded = CORRECTED_TYPES.filter((type) => [...store.events()].some((e) => e.type === type));
    expect(recorded.length).toBe(CORRECTED_TYPES.length - 1);
    for (const type of recorded)
      expect(
        accepted.some((a) => a.startsWith(`${type} `)),
        `a correction of ${type} was accepted`,
      ).toBe(true);
    const all = [...store.events()];
    const replayed = await replayStore(store);
    if (E.isLeft(replayed)) throw new Error(replayed.left.message);
    expect(statisticsOf(replayed.right.replay)).toBe(
      statisticsOf(new StatisticsReplay().applyAll(asCorrected(all))),
    );
  });

  it("applied event by event (with checkpoints read back), equal a fresh replay at every tested prefix", async () => {
    await fc.assert(
      fc.asyncProperty(
        everyTypeArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        async ({ seed, candidates, picks }, cuts) => {
          const store = await historyOf(seed, candidates);
          await runAccepted(
            correctionCommands([...store.events()], picks, "2030-06-01T09:00:00Z"),
            store,
            "fix",
          );
          const all = [...store.events()];
          const corrections = all.findIndex((e) => e.type === "FactCorrected");
          // Prefixes: random ones, and every one from the first correction on (where the retractions happen).
          const prefixes = new Set(cuts.map((c) => Math.floor(c * all.length)));
          if (corrections >= 0) for (let i = corrections; i <= all.length; i++) prefixes.add(i);
          let live = new StatisticsReplay();
          for (let i = 0; i <= all.length; i++) {
            if (prefixes.has(i)) {
              expect(statisticsOf(live), `after ${i} events`).toBe(
                statisticsOf(new StatisticsReplay().applyAll(all.slice(0, i))),
              );
              // A checkpoint written and read back, as a live consumer restarts from it.
              live = new StatisticsReplay(JSON.parse(JSON.stringify(live.snapshot())));
            }
            const event = all[i];
            if (event !== undefined) live.apply(event);
          }
        },
      ),
      { numRuns: 6 },
    );
  });

  it("--as-of a moment before the corrections gives, byte for byte, the report made at that moment", async () => {
    await fc.assert(
      fc.asyncProperty(everyTypeArb, async ({ seed, candidates, picks }) => {
        const store = await historyOf(seed, candidates);
        const before = [...store.events()].at(-1)?.recordedAt ?? "2030-01-01T00:00:00Z";
        const made = async (asOf: string) => {
          const replayed = await replayStore(store, { asOf });
          if (E.isLeft(replayed)) throw new Error(replayed.left.message);
          const r = replayed.right;
          return canonicalJson(
            buildReport(
              r.replay.snapshot(),
              {
                store: { kind: "memory", location: "test" },
                lastPosition: r.lastPosition,
                eventsReplayed: r.events,
                journalHash: { kind: "sha256-canonical-events", value: r.eventsHash ?? "" },
              },
              {
                window: { from: null, to: null, asOf },
                disclosure: { mode: "published", minCell: 3 },
                configuration: ILLUSTRATIVE_CONFIGURATION,
              },
            ),
            2,
          );
        };
        const then = await made(before);
        await runAccepted(
          correctionCommands([...store.events()], picks, "2030-06-01T09:00:00Z"),
          store,
          "fix",
        );
        expect(await made(before)).toBe(then);
      }),
      { numRuns: 6 },
    );
  });
});
