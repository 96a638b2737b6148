import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  type CheckpointStore,
  InMemoryCheckpointStore,
  InMemoryEventStore,
  type NewEvent,
  type Projection,
  ProjectionRunner,
} from "../src/index.js";

interface Totals {
  committed: number;
  events: number;
  perStream: Record<string, number>;
}

const totals: Projection<Totals> = {
  name: "totals",
  version: 1,
  initialState: () => ({ committed: 0, events: 0, perStream: {} }),
  handlers: {
    AmountCommitted: (state, event) => {
      state.committed += (event.data as { amountCents: number }).amountCents;
      state.events++;
      state.perStream[event.streamId] = (state.perStream[event.streamId] ?? 0) + 1;
      return state;
    },
  },
};

const counter: Projection<{ seen: number }> = {
  name: "counter",
  version: 1,
  initialState: () => ({ seen: 0 }),
  handlers: { AmountCommitted: (s) => ({ seen: s.seen + 1 }), AmountReleased: (s) => ({ seen: s.seen + 1 }) },
};

let id = 0;
const committed = (amountCents: number): NewEvent => ({
  eventId: `e${++id}`,
  type: "AmountCommitted",
  version: 2,
  data: { commitmentId: `c${id}`, amountCents, purpose: "tirocinio" },
  occurredAt: "2018-02-01T00:00:00.000Z",
  correlationId: null,
  causationId: null,
  actor: { id: "op", role: "operator" },
});

const runner = (store: InMemoryEventStore, checkpoints: CheckpointStore) =>
  new ProjectionRunner({ store, projections: [totals, counter], checkpoints });

describe("projection runner", () => {
  it("property: a projection rebuilt from zero equals the same projection run incrementally", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.record({ stream: fc.nat(3), amount: fc.integer({ min: 1, max: 100 }) }), {
            maxLength: 8,
          }),
          { maxLength: 8 },
        ),
        async (batches) => {
          const store = new InMemoryEventStore();
          const checkpoints = new InMemoryCheckpointStore();
          for (const batch of batches) {
            for (const { stream, amount } of batch)
              await store.append(`fund-${stream}`, [committed(amount)], "any");
            // a new runner each time: it resumes from the saved checkpoint, as after a restart
            const incremental = runner(store, checkpoints);
            expect(E.isRight(await incremental.catchUp())).toBe(true);
          }
          const resumed = runner(store, checkpoints);
          await resumed.load();
          const rebuilt = runner(store, new InMemoryCheckpointStore());
          await rebuilt.rebuild();
          expect(resumed.state("totals")).toEqual(rebuilt.state("totals"));
          expect(resumed.state("counter")).toEqual(rebuilt.state("counter"));
          expect(resumed.position()).toEqual(await store.headPosition());
        },
      ),
      { numRuns: 50 },
    );
  });

  it("applies each event exactly once per projection, even when checkpoints differ", async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryCheckpointStore();
    await store.append("fund-a", [committed(10), committed(20)], "no_stream");
    const first = new ProjectionRunner({ store, projections: [totals], checkpoints });
    await first.catchUp();
    await store.append("fund-a", [committed(5)], 1);
    const both = runner(store, checkpoints);
    await both.catchUp();
    expect(both.state<Totals>("totals").committed).toBe(35);
    expect(both.state<{ seen: number }>("counter").seen).toBe(3);
  });

  it("discards a checkpoint saved under another projection version", async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryCheckpointStore();
    await checkpoints.save({
      projection: "totals",
      version: 0,
      position: 99,
      state: { committed: 1e9, events: 0, perStream: {} },
    });
    await store.append("fund-a", [committed(7)], "no_stream");
    const r = runner(store, checkpoints);
    await r.catchUp();
    expect(r.state<Totals>("totals").committed).toBe(7);
  });

  it("follows live events after catching up, and saves its checkpoint on stop", async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryCheckpointStore();
    await store.append("fund-a", [committed(1)], "no_stream");
    const r = runner(store, checkpoints);
    const following = await r.follow();
    await following.caughtUp;
    await store.append("fund-a", [committed(2), committed(3)], 0);
    for (let i = 0; i < 50 && r.state<Totals>("totals").committed < 6; i++)
      await new Promise((res) => setTimeout(res, 5));
    await following.stop();
    expect(E.isRight(await following.done)).toBe(true);
    expect(r.state<Totals>("totals").committed).toBe(6);
    expect((await checkpoints.load("totals"))?.position).toBe(2);
  });

  it("a stored event that does not decode stops the runner with a typed error", async () => {
    const store = new InMemoryEventStore();
    await store.append("fund-a", [committed(1)], "no_stream");
    const r = new ProjectionRunner({
      store,
      projections: [totals],
      checkpoints: new InMemoryCheckpointStore(),
      decode: () =>
        E.left({
          _tag: "EventDecodeError",
          reason: "unknown-type",
          type: "X",
          version: 1,
          message: "unknown",
        }),
    });
    expect(E.isLeft(await r.catchUp())).toBe(true);
  });
});
