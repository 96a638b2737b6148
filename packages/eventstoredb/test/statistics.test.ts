import {
  createInsieme,
  describeError,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
} from "@insieme/domain";
import {
  InMemoryCheckpointStore,
  InMemoryEventStore,
  ProjectionRunner,
  type RecordedEvent,
  sequentialIds,
  steppingClock,
} from "@insieme/kernel";
import { syntheticProgramme } from "@insieme/scenarios";
import { statisticsProjections } from "@insieme/statistics";
import { isLeft, isRight } from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { EventStoreDbCheckpointStore, type EventStoreDbEventStore } from "../src/index.js";
import { connect } from "./helpers.js";
import { type StandIn, startStandIn } from "./stand-in/server.js";

const history = (events: readonly RecordedEvent[]) =>
  (async function* () {
    yield* events;
  })();

const statesOf = (runner: ProjectionRunner): Record<string, unknown> =>
  Object.fromEntries(
    statisticsProjections().map((p) => [p.name, JSON.parse(JSON.stringify(runner.state(p.name)))]),
  );

let standIn: StandIn | undefined;
const opened: EventStoreDbEventStore[] = [];

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await standIn?.stop();
});

describe("the statistics on EventStoreDB", () => {
  it("equal those of the source store, across a restart of the runner and a rebuild", async () => {
    // A programme's history, made by the domain's own application service (as the journal would hold it).
    const source = new InMemoryEventStore(steppingClock("2030-01-01T00:00:00Z", 1000));
    const insieme = createInsieme({
      configuration: ILLUSTRATIVE_CONFIGURATION,
      store: source,
      ids: sequentialIds("ev"),
      personKey: new Uint8Array(32).fill(9),
      vault: new InMemoryPersonalDataVault(),
    });
    for (const command of syntheticProgramme({ seed: 7, candidates: 24, applicationsPerMonth: 8 })) {
      const result = await insieme.execute(command);
      if (isLeft(result)) throw new Error(`${command.type} refused: ${describeError(result.left)}`);
    }
    const reference = new ProjectionRunner({
      store: source,
      projections: statisticsProjections(),
      checkpoints: new InMemoryCheckpointStore(),
    });
    await reference.catchUp();
    const expected = statesOf(reference);

    const events = [...source.events()];
    const split = Math.floor(events.length / 2);
    standIn = await startStandIn();
    const open = async () => {
      const store = await connect((standIn as StandIn).connectionString);
      opened.push(store);
      return store;
    };
    const writer = await open();
    expect(isRight(await writer.importHistory(history(events.slice(0, split))))).toBe(true);

    const firstStore = await open();
    const first = new ProjectionRunner({
      store: firstStore,
      projections: statisticsProjections(),
      checkpoints: new EventStoreDbCheckpointStore(firstStore),
    });
    const following = await first.follow();
    await following.caughtUp;
    await following.stop();
    expect(isRight(await following.done)).toBe(true);

    // The second half arrives while no runner is up; a new one resumes from the checkpoints in EventStoreDB.
    expect(isRight(await writer.importHistory(history(events.slice(split))))).toBe(true);
    const secondStore = await open();
    const second = new ProjectionRunner({
      store: secondStore,
      projections: statisticsProjections(),
      checkpoints: new EventStoreDbCheckpointStore(secondStore),
    });
    const resumed = await second.follow();
    await resumed.caughtUp;
    await resumed.stop();
    await resumed.done;
    expect(statesOf(second)).toEqual(expected);

    expect(isRight(await second.rebuild())).toBe(true);
    expect(statesOf(second)).toEqual(expected);
  });
});
