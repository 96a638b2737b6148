import { check, checkEqual, left, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { collect, newEvents, readStreamAll, uniqueStream } from "../fixtures.js";

const group = "stream metadata and deletion";

export const metadataAndDeletionCases: readonly ContractCase[] = [
  {
    group,
    name: "metadata is absent until set, then read back as set, and replaced by the next set",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        checkEqual(await store.getStreamMetadata(s), null, "missing metadata");
        right(await store.append(s, newEvents(1), "no_stream"), "setup");
        await store.setStreamMetadata(s, { retention: "P10Y", owner: { team: "tavolo-tecnico" } });
        checkEqual(
          await store.getStreamMetadata(s),
          { retention: "P10Y", owner: { team: "tavolo-tecnico" } },
          "metadata",
        );
        await store.setStreamMetadata(s, { retention: "P5Y" });
        checkEqual(await store.getStreamMetadata(s), { retention: "P5Y" }, "replaced metadata");
        checkEqual((await readStreamAll(store, s)).length, 1, "metadata is not an event of the stream");
      }),
  },
  {
    group,
    name: "a deleted stream reads empty, refuses appends, and checks the expected revision",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        const appended = right(await store.append(s, newEvents(3), "no_stream"), "setup");
        const stale = left(await store.deleteStream(s, 0), "delete with a stale revision");
        checkEqual(stale._tag, "WrongExpectedRevision", "stale delete");
        right(await store.deleteStream(s, 2), "delete");
        checkEqual(await readStreamAll(store, s), [], "reads after delete");
        checkEqual((await store.streamState(s)).deleted, true, "state says deleted");
        const refused = left(await store.append(s, newEvents(1), "any"), "append after delete");
        checkEqual(refused._tag, "StreamDeleted", "append after delete");
        const all = (await collect(store.readAll({ after: (appended.positions[0] ?? 0) - 1 }))).filter(
          (e) => e.streamId === s,
        );
        check(all.length === 3, "the global log keeps the deleted stream's events");
      }),
  },
];
