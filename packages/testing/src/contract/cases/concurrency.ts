import * as E from "fp-ts/lib/Either.js";
import { check, checkEqual, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { newEvent, readAllOf, readStreamAll, uniqueStream } from "../fixtures.js";

const group = "concurrency";

export const concurrencyCases: readonly ContractCase[] = [
  {
    group,
    name: "many appenders racing for the same revision: exactly one wins",
    run: (make, options) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        right(await store.append(s, [newEvent()], "no_stream"), "setup");
        const results = await Promise.all(
          Array.from({ length: options.concurrentWriters }, () => store.append(s, [newEvent()], 0)),
        );
        checkEqual(results.filter(E.isRight).length, 1, "winners at revision 0");
        checkEqual((await readStreamAll(store, s)).length, 2, "events in the stream");
      }),
  },
  {
    group,
    name: "concurrent writers retrying on conflicts: no event lost or duplicated, one consistent order",
    run: (make, options) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        const perWriter = 10;
        const written: string[] = [];
        const writer = async (w: number) => {
          for (let i = 0; i < perWriter; i++) {
            const event = newEvent("Counted", { w, i });
            for (;;) {
              const state = await store.streamState(s);
              const result = await store.append(
                s,
                [event],
                state.revision === null ? "no_stream" : state.revision,
              );
              if (E.isRight(result)) {
                written.push(event.eventId);
                break;
              }
              check(result.left._tag === "WrongExpectedRevision", `unexpected error ${result.left._tag}`);
            }
          }
        };
        await Promise.all(Array.from({ length: options.concurrentWriters }, (_, w) => writer(w)));
        const events = await readStreamAll(store, s);
        const total = options.concurrentWriters * perWriter;
        checkEqual(events.length, total, "events in the stream");
        checkEqual(
          events.map((e) => e.revision),
          Array.from({ length: total }, (_, i) => i),
          "contiguous revisions",
        );
        checkEqual(new Set(events.map((e) => e.eventId)).size, total, "distinct events");
        checkEqual([...written].sort(), events.map((e) => e.eventId).sort(), "acknowledged = stored");
        const global = await readAllOf(store, new Set([s]));
        checkEqual(
          global.map((e) => e.eventId),
          events.map((e) => e.eventId),
          "global order = stream order",
        );
      }),
  },
  {
    group,
    name: "concurrent appends to different streams all land, each once",
    run: (make, options) =>
      withStore(make, async (store) => {
        const streams = Array.from({ length: options.concurrentWriters }, () => uniqueStream());
        await Promise.all(
          streams.map(async (s) => {
            for (let i = 0; i < 5; i++)
              right(await store.append(s, [newEvent()], i === 0 ? "no_stream" : i - 1), "append");
          }),
        );
        const global = await readAllOf(store, new Set(streams));
        checkEqual(global.length, streams.length * 5, "events in the log");
        checkEqual(new Set(global.map((e) => e.position)).size, global.length, "distinct positions");
      }),
  },
];
