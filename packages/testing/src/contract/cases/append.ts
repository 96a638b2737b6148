import { check, checkEqual, left, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { newEvent, newEvents, readStreamAll, uniqueStream } from "../fixtures.js";

const group = "append with expected revision";

export const appendCases: readonly ContractCase[] = [
  {
    group,
    name: "no_stream creates a stream at revision 0.. with increasing global positions",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        const result = right(await store.append(s, newEvents(3), "no_stream"), "append to new stream");
        checkEqual(result.nextExpectedRevision, 2, "next expected revision");
        checkEqual(result.positions.length, 3, "positions returned");
        for (let i = 1; i < result.positions.length; i++) {
          check((result.positions[i] ?? 0) > (result.positions[i - 1] ?? 0), "positions strictly increase");
        }
        checkEqual(
          (await readStreamAll(store, s)).map((e) => e.revision),
          [0, 1, 2],
          "revisions",
        );
      }),
  },
  {
    group,
    name: "no_stream on an existing stream is a conflict carrying the actual revision",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        right(await store.append(s, newEvents(2), "no_stream"), "first append");
        const conflict = left(await store.append(s, newEvents(1), "no_stream"), "second no_stream append");
        checkEqual(conflict._tag, "WrongExpectedRevision", "error tag");
        if (conflict._tag === "WrongExpectedRevision") checkEqual(conflict.actual, 1, "actual revision");
        checkEqual((await readStreamAll(store, s)).length, 2, "nothing written by the refused append");
      }),
  },
  {
    group,
    name: "stream_exists fails on a missing stream (actual null) and succeeds on an existing one",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        const conflict = left(
          await store.append(s, newEvents(1), "stream_exists"),
          "stream_exists on missing",
        );
        if (conflict._tag === "WrongExpectedRevision")
          checkEqual(conflict.actual, null, "actual of missing stream");
        else check(false, `expected WrongExpectedRevision, got ${conflict._tag}`);
        checkEqual((await store.streamState(s)).revision, null, "missing stream stays missing");
        right(await store.append(s, newEvents(1), "any"), "any on missing");
        checkEqual(
          right(await store.append(s, newEvents(1), "stream_exists"), "stream_exists").nextExpectedRevision,
          1,
          "rev",
        );
      }),
  },
  {
    group,
    name: "an exact revision must match the last event's revision",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        right(await store.append(s, newEvents(3), "no_stream"), "setup");
        const stale = left(await store.append(s, newEvents(1), 1), "stale revision");
        if (stale._tag === "WrongExpectedRevision") checkEqual(stale.actual, 2, "actual revision");
        else check(false, `expected WrongExpectedRevision, got ${stale._tag}`);
        left(await store.append(s, newEvents(1), 3), "future revision");
        checkEqual(
          right(await store.append(s, newEvents(2), 2), "exact revision").nextExpectedRevision,
          4,
          "next",
        );
        const missing = left(
          await store.append(uniqueStream(), newEvents(1), 0),
          "exact revision on missing stream",
        );
        if (missing._tag === "WrongExpectedRevision")
          checkEqual(missing.actual, null, "actual of missing stream");
      }),
  },
  {
    group,
    name: "any appends whatever the stream's revision",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        right(await store.append(s, newEvents(1), "any"), "any #1");
        right(await store.append(s, newEvents(1), "any"), "any #2");
        checkEqual((await store.streamState(s)).revision, 1, "revision after two appends");
      }),
  },
  {
    group,
    name: "the envelope is kept exactly: ids, type, version, data, times, correlation, causation, actor",
    run: (make) =>
      withStore(make, async (store) => {
        const s = uniqueStream();
        const sent = newEvent("CandidaturaRicevuta", {
          nested: { list: [1, "due", null], flag: true },
          text: "àèìòù €",
        });
        const sent2 = { ...newEvent("Other"), version: 3, correlationId: null, causationId: null };
        right(await store.append(s, [sent, sent2], "no_stream"), "append");
        const [got, got2] = await readStreamAll(store, s);
        check(got !== undefined && got2 !== undefined, "both events read back");
        if (got === undefined || got2 === undefined) return;
        checkEqual(
          [
            got.eventId,
            got.streamId,
            got.type,
            got.version,
            got.data,
            got.occurredAt,
            got.correlationId,
            got.causationId,
            got.actor,
          ],
          [
            sent.eventId,
            s,
            sent.type,
            1,
            sent.data,
            sent.occurredAt,
            sent.correlationId,
            sent.causationId,
            sent.actor,
          ],
          "envelope",
        );
        checkEqual(
          [got2.version, got2.correlationId, got2.causationId],
          [3, null, null],
          "version and null ids",
        );
        check(
          !Number.isNaN(Date.parse(got.recordedAt)) && got.recordedAt.endsWith("Z"),
          "recordedAt is ISO-8601 UTC",
        );
        check(got2.recordedAt >= got.recordedAt, "recordedAt never decreases");
      }),
  },
];
