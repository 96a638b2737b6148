import { type Projection, ProjectionRunner, type RecordedEvent } from "@insieme/kernel";
import { isRight } from "fp-ts/lib/Either.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHECKPOINT_CLEARED,
  CHECKPOINT_SAVED,
  checkpointStreamOf,
  EventStoreDbCheckpointStore,
  type EventStoreDbEventStore,
} from "../src/index.js";
import { collect, connect, newEvent } from "./helpers.js";
import { type StandIn, startStandIn } from "./stand-in/server.js";

interface Counts {
  applications: number;
  hirings: number;
  lastApplicant: string | null;
}

const counts: Projection<Counts> = {
  name: "counts",
  version: 1,
  initialState: () => ({ applications: 0, hirings: 0, lastApplicant: null }),
  handlers: {
    CandidaturaRicevuta: (state, event: RecordedEvent) => {
      state.applications++;
      state.lastApplicant = event.streamId;
      return state;
    },
    AssunzioneRegistrata: (state) => {
      state.hirings++;
      return state;
    },
  },
};

let standIn: StandIn;
const opened: EventStoreDbEventStore[] = [];

const openStore = async (): Promise<EventStoreDbEventStore> => {
  const store = await connect(standIn.connectionString);
  opened.push(store);
  return store;
};

const apply = async (store: EventStoreDbEventStore, candidate: number, hired: boolean) => {
  const events = [newEvent("CandidaturaRicevuta", { n: candidate })];
  if (hired) events.push(newEvent("AssunzioneRegistrata", { n: candidate }));
  expect(isRight(await store.append(`candidate-${candidate}`, events, "no_stream"))).toBe(true);
};

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};

beforeEach(async () => {
  standIn = await startStandIn();
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await standIn.stop();
});

describe("EventStoreDbCheckpointStore", () => {
  it("saves, loads, clears and saves again, in a capped stream kept out of the Insieme log", async () => {
    const store = await openStore();
    const checkpoints = new EventStoreDbCheckpointStore(store, { keep: 2 });
    expect(await checkpoints.load("counts")).toBeNull();
    await checkpoints.save({ projection: "counts", version: 1, position: 42, state: { applications: 3 } });
    await checkpoints.save({ projection: "counts", version: 1, position: 57, state: { applications: 4 } });
    expect(await checkpoints.load("counts")).toEqual({
      projection: "counts",
      version: 1,
      position: 57,
      state: { applications: 4 },
    });
    await checkpoints.delete("counts");
    expect(await checkpoints.load("counts")).toBeNull();
    await checkpoints.save({ projection: "counts", version: 2, position: null, state: {} });
    expect(await new EventStoreDbCheckpointStore(await openStore()).load("counts")).toEqual({
      projection: "counts",
      version: 2,
      position: null,
      state: {},
    });
    const stream = checkpointStreamOf("counts");
    expect(await store.getStreamMetadata(stream)).toEqual({ $maxCount: 2 });
    expect((await collect(store.readStream(stream))).map((e) => e.type)).toEqual([
      CHECKPOINT_CLEARED,
      CHECKPOINT_SAVED,
    ]);
    expect(await collect(store.readAll())).toEqual([]);
    expect(await store.headPosition()).toBeNull();
  });

  it("refuses a keep count that is not a positive integer", async () => {
    const store = await openStore();
    expect(() => new EventStoreDbCheckpointStore(store, { keep: 0 })).toThrow(RangeError);
  });
});

describe("projections from a $all catch-up subscription", () => {
  it("survive a restart without double counting, and rebuild from zero on demand", async () => {
    const writer = await openStore();
    for (let i = 1; i <= 5; i++) await apply(writer, i, i % 2 === 0);

    // First process: catches up, follows live appends, stops.
    const firstStore = await openStore();
    const first = new ProjectionRunner({
      store: firstStore,
      projections: [counts],
      checkpoints: new EventStoreDbCheckpointStore(firstStore),
      saveEvery: 2,
    });
    const following = await first.follow();
    await following.caughtUp;
    expect(first.state<Counts>("counts")).toMatchObject({ applications: 5, hirings: 2 });
    for (let i = 6; i <= 8; i++) await apply(writer, i, true);
    await until(() => first.state<Counts>("counts").applications === 8);
    await following.stop();
    expect(isRight(await following.done)).toBe(true);

    // While no runner is up, more events arrive.
    for (let i = 9; i <= 10; i++) await apply(writer, i, false);

    // Second process: a new connection, state and position from the stored checkpoint.
    const secondStore = await openStore();
    const second = new ProjectionRunner({
      store: secondStore,
      projections: [counts],
      checkpoints: new EventStoreDbCheckpointStore(secondStore),
    });
    await second.load();
    expect(second.state<Counts>("counts")).toMatchObject({ applications: 8, hirings: 5 });
    const resumed = await second.follow();
    await resumed.caughtUp;
    expect(second.state<Counts>("counts")).toEqual({
      applications: 10,
      hirings: 5,
      lastApplicant: "candidate-10",
    });
    await resumed.stop();
    await resumed.done;

    const rebuilt = await second.rebuild();
    expect(isRight(rebuilt) && rebuilt.right).toBe(await writer.headPosition());
    expect(second.state<Counts>("counts")).toEqual({
      applications: 10,
      hirings: 5,
      lastApplicant: "candidate-10",
    });
    const saved = await new EventStoreDbCheckpointStore(writer).load("counts");
    expect(saved?.position).toBe(await writer.headPosition());
    expect(saved?.state).toEqual({ applications: 10, hirings: 5, lastApplicant: "candidate-10" });
  });
});
