import { InMemoryEventStore, steppingClock } from "@insieme/kernel";
import { checkEqual, left, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { collect, newEvents, readAllOf, uniqueStream } from "../fixtures.js";

const group = "moving a history between stores";

export const importHistoryCases: readonly ContractCase[] = [
  {
    group,
    name: "importHistory keeps ids, streams, revisions, order, times and metadata",
    run: (make) =>
      withStore(make, async (store) => {
        const source = new InMemoryEventStore(steppingClock("2017-06-01T08:00:00.000Z", 60_000));
        const a = uniqueStream();
        const b = uniqueStream();
        right(await source.append(a, newEvents(2), "no_stream"), "a");
        right(await source.append(b, newEvents(1), "no_stream"), "b");
        right(await source.append(a, newEvents(1), 1), "a again");
        const original = await collect(source.readAll());
        const result = right(await store.importHistory(source.readAll()), "import");
        checkEqual([result.events, result.streams], [4, 2], "import counts");
        const copied = await readAllOf(store, new Set([a, b]));
        const strip = (e: (typeof original)[number]) => ({ ...e, position: 0 });
        checkEqual(copied.map(strip), original.map(strip), "imported events");
      }),
  },
  {
    group,
    name: "importHistory over an existing stream fails with a conflict",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        right(await store.append(s, newEvents(1), "no_stream"), "existing");
        const source = new InMemoryEventStore();
        right(await source.append(s, newEvents(1), "no_stream"), "source");
        const conflict = left(await store.importHistory(source.readAll()), "import over existing stream");
        checkEqual(conflict._tag, "WrongExpectedRevision", "error");
      }),
  },
];
