import { readStreamBatches } from "@insieme/kernel";
import { check, checkEqual, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { collect, newEvents, uniqueStream } from "../fixtures.js";

const group = "reading a stream";

export const readStreamCases: readonly ContractCase[] = [
  {
    group,
    name: "forwards and backwards, from a revision, with a maximum count",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        right(await store.append(s, newEvents(10), "no_stream"), "setup");
        right(await store.append(uniqueStream(), newEvents(3), "no_stream"), "another stream");
        const revs = async (opts: Parameters<typeof store.readStream>[1]) =>
          (await collect(store.readStream(s, opts))).map((e) => e.revision);
        checkEqual(await revs({}), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "all forwards");
        checkEqual(await revs({ fromRevision: 7 }), [7, 8, 9], "forwards from 7");
        checkEqual(await revs({ fromRevision: 2, maxCount: 3 }), [2, 3, 4], "forwards from 2, max 3");
        checkEqual(await revs({ direction: "backwards" }), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], "all backwards");
        checkEqual(await revs({ direction: "backwards", maxCount: 1 }), [9], "last event");
        checkEqual(
          await revs({ direction: "backwards", fromRevision: 4, maxCount: 2 }),
          [4, 3],
          "backwards from 4",
        );
        checkEqual(
          await revs({ direction: "backwards", fromRevision: "end", maxCount: 2 }),
          [9, 8],
          "backwards from end",
        );
        checkEqual(await revs({ fromRevision: 10 }), [], "forwards past the end");
        checkEqual(await revs({ fromRevision: "start", maxCount: 0 }), [], "max count 0");
      }),
  },
  {
    group,
    name: "a missing stream reads as empty and its state says so",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        checkEqual(await collect(store.readStream(s)), [], "forwards");
        checkEqual(await collect(store.readStream(s, { direction: "backwards" })), [], "backwards");
        checkEqual(await store.streamState(s), { revision: null, deleted: false }, "state");
      }),
  },
  {
    group,
    name: "stream events carry the global positions that readAll shows",
    run: (make) =>
      withStore(make, async (store) => {
        const a = uniqueStream();
        const b = uniqueStream();
        right(await store.append(a, newEvents(2), "no_stream"), "a");
        right(await store.append(b, newEvents(2), "no_stream"), "b");
        right(await store.append(a, newEvents(1), 1), "a again");
        const inA = (await collect(store.readStream(a))).map((e) => [e.eventId, e.position]);
        const all = (await collect(store.readAll()))
          .filter((e) => e.streamId === a)
          .map((e) => [e.eventId, e.position]);
        checkEqual(inA, all, "positions of stream a");
      }),
  },
  {
    group,
    name: "batched reads hand out the events readStream reads, in non-empty arrays",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        right(await store.append(s, newEvents(7), "no_stream"), "setup");
        right(await store.append(uniqueStream(), newEvents(2), "no_stream"), "another stream");
        right(await store.append(s, newEvents(5), 6), "more");
        const cases: Parameters<typeof store.readStream>[1][] = [
          {},
          { fromRevision: 3 },
          { fromRevision: 2, maxCount: 4 },
          { direction: "backwards" },
          { direction: "backwards", fromRevision: 5, maxCount: 3 },
          { fromRevision: 12 },
          { maxCount: 0 },
        ];
        for (const options of cases) {
          const label = JSON.stringify(options);
          const single = (await collect(store.readStream(s, options))).map((e) => [e.eventId, e.revision]);
          const batches = await collect(readStreamBatches(store, s, options));
          for (const batch of batches) check(batch.length > 0, `an empty batch for ${label}`);
          checkEqual(
            batches.flat().map((e) => [e.eventId, e.revision]),
            single,
            `batched read ${label}`,
          );
        }
        checkEqual(await collect(readStreamBatches(store, uniqueStream())), [], "a missing stream");
      }),
  },
];
