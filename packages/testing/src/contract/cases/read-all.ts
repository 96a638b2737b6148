import { check, checkEqual, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { collect, newEvents, readAllOf, uniqueStream } from "../fixtures.js";

const group = "reading all events";

export const readAllCases: readonly ContractCase[] = [
  {
    group,
    name: "every event once, in the order of the appends, positions strictly increasing",
    run: (make) =>
      withStore(make, async (store) => {
        const a = uniqueStream();
        const b = uniqueStream();
        const sent = [newEvents(2), newEvents(3), newEvents(1)];
        right(await store.append(a, sent[0] ?? [], "no_stream"), "a");
        right(await store.append(b, sent[1] ?? [], "no_stream"), "b");
        right(await store.append(a, sent[2] ?? [], 1), "a again");
        const got = await readAllOf(store, new Set([a, b]));
        checkEqual(
          got.map((e) => e.eventId),
          sent.flat().map((e) => e.eventId),
          "global order",
        );
        for (let i = 1; i < got.length; i++) {
          check((got[i]?.position ?? 0) > (got[i - 1]?.position ?? 0), "positions strictly increase");
          check((got[i]?.recordedAt ?? "") >= (got[i - 1]?.recordedAt ?? ""), "recordedAt never decreases");
        }
        checkEqual(await store.headPosition(), got[got.length - 1]?.position ?? null, "head position");
      }),
  },
  {
    group,
    name: "after a position and with a maximum count",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        const appended = right(await store.append(s, newEvents(5), "no_stream"), "setup");
        const p1 = appended.positions[1] ?? -1;
        const after = (await collect(store.readAll({ after: p1 }))).filter((e) => e.streamId === s);
        checkEqual(
          after.map((e) => e.revision),
          [2, 3, 4],
          "events after the second",
        );
        const limited = await collect(store.readAll({ after: p1, maxCount: 2 }));
        checkEqual(
          limited.map((e) => e.position),
          appended.positions.slice(2, 4),
          "max count 2",
        );
        const last = appended.positions[4] ?? -1;
        checkEqual(await collect(store.readAll({ after: last })), [], "nothing after the head");
      }),
  },
  {
    group,
    name: "an empty store has no head and reads nothing",
    run: (make) =>
      withStore(make, async (store) => {
        const head = await store.headPosition();
        const events = await collect(store.readAll({ after: head }));
        checkEqual(events.length, 0, "nothing after the head");
      }),
  },
];
