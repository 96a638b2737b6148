import { ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import {
  InMemoryCheckpointStore,
  InMemoryEventStore,
  ProjectionRunner,
  type RecordedEvent,
  steppingClock,
} from "@insieme/kernel";
import { syntheticProgramme } from "@insieme/scenarios";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  buildReport,
  canonicalJson,
  journalHashOf,
  type Report,
  replayStore,
  statisticsProjections,
} from "../src/index.js";
import { runCommands } from "./support/run-commands.js";

const historyOf = (events: readonly RecordedEvent[]) =>
  (async function* () {
    yield* events;
  })();

const statesOf = (runner: ProjectionRunner) =>
  Object.fromEntries(
    statisticsProjections().map((p) => [p.name, JSON.parse(JSON.stringify(runner.state(p.name)))]),
  );

const reportOf = (states: Record<string, unknown>, asOf: string | null): Report =>
  buildReport(
    states,
    {
      store: { kind: "memory", location: "test" },
      lastPosition: null,
      eventsReplayed: 0,
      journalHash: { kind: "sha256-canonical-events", value: "0" },
    },
    {
      window: { from: null, to: null, asOf },
      disclosure: { mode: "raw" },
      configuration: ILLUSTRATIVE_CONFIGURATION,
    },
  );

describe("rebuilding and reading the past", () => {
  it("incremental catch-up from checkpoints equals a rebuild from zero", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 5, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (seed, candidates, cut) => {
          const { events } = await runCommands(
            syntheticProgramme({ seed, candidates, applicationsPerMonth: 8 }),
          );
          const split = Math.floor(events.length * cut);
          const store = new InMemoryEventStore();
          expect(E.isRight(await store.importHistory(historyOf(events.slice(0, split))))).toBe(true);
          const checkpoints = new InMemoryCheckpointStore();
          const first = new ProjectionRunner({ store, projections: statisticsProjections(), checkpoints });
          await first.catchUp();
          // The rest arrives later; a new runner resumes from the saved (JSON) checkpoints.
          for (const e of events.slice(split)) {
            store.appendNow(e.streamId, [e], "any");
          }
          const resumed = new ProjectionRunner({ store, projections: statisticsProjections(), checkpoints });
          await resumed.catchUp();
          const rebuilt = new ProjectionRunner({
            store,
            projections: statisticsProjections(),
            checkpoints: new InMemoryCheckpointStore(),
          });
          await rebuilt.rebuild();
          expect(statesOf(resumed)).toEqual(statesOf(rebuilt));
        },
      ),
      { numRuns: 8 },
    );
  });

  it("the report as of T equals a rebuild from the events recorded up to T", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 5, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (seed, candidates, cut) => {
          const store = new InMemoryEventStore(steppingClock("2030-01-01T00:00:00Z", 1000));
          const { events } = await runCommands(
            syntheticProgramme({ seed, candidates, applicationsPerMonth: 8 }),
            store,
          );
          const asOf = (events[Math.min(events.length - 1, Math.floor(events.length * cut))] as RecordedEvent)
            .recordedAt;
          const past = await replayStore(store, { asOf });
          if (E.isLeft(past)) throw new Error(past.left.message);
          const upToT = new InMemoryEventStore();
          await upToT.importHistory(historyOf(events.filter((e) => e.recordedAt <= asOf)));
          const rebuilt = new ProjectionRunner({
            store: upToT,
            projections: statisticsProjections(),
            checkpoints: new InMemoryCheckpointStore(),
          });
          await rebuilt.rebuild();
          expect(canonicalJson(reportOf(past.right.replay.snapshot(), asOf))).toBe(
            canonicalJson(reportOf(statesOf(rebuilt), asOf)),
          );
        },
      ),
      { numRuns: 8 },
    );
  });

  it("the same events give the same report bytes", async () => {
    const { store } = await runCommands(
      syntheticProgramme({ seed: 7, candidates: 30, applicationsPerMonth: 10 }),
    );
    const once = await replayStore(store);
    const twice = await replayStore(store);
    if (E.isLeft(once) || E.isLeft(twice)) throw new Error("replay failed");
    expect(once.right.eventsHash).toBe(twice.right.eventsHash);
    const report = (r: typeof once.right) =>
      canonicalJson(
        buildReport(
          r.replay.snapshot(),
          {
            store: { kind: "memory", location: "test" },
            lastPosition: r.lastPosition,
            eventsReplayed: r.events,
            journalHash: journalHashOf(null, r.eventsHash),
          },
          {
            window: { from: "2017-06-01", to: "2017-12-31", asOf: null },
            disclosure: { mode: "published", minCell: 3 },
            configuration: ILLUSTRATIVE_CONFIGURATION,
          },
        ),
        2,
      );
    expect(report(once.right)).toBe(report(twice.right));
  });
});
