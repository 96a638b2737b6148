import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { eventDecodeError, InMemoryEventStore, type RecordedEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE, verifyJournal } from "../src/index.js";
import { collect, event, events } from "./journal-files.js";
import { freshJournal, mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";

afterAll(removeTempDirs);

describe("the journal store beyond the contract", () => {
  it("keeps streams, metadata and tombstones across a reopen", async () => {
    const dir = await tempDir();
    const store = await mustOpen(dir, { create: true });
    await store.append("a", events(3), "no_stream");
    await store.append("b", events(2), "no_stream");
    await store.setStreamMetadata("a", { retention: "P10Y" });
    await store.deleteStream("b", 1);
    const head = store.chainHead();
    await store.close();
    const reopened = await mustOpen(dir);
    expect(await reopened.streamState("a")).toEqual({ revision: 2, deleted: false });
    expect(await reopened.streamState("b")).toEqual({ revision: 1, deleted: true });
    expect(await reopened.getStreamMetadata("a")).toEqual({ retention: "P10Y" });
    expect(await collect(reopened.readStream("b"))).toEqual([]);
    expect(reopened.chainHead()).toEqual(head);
    expect(await reopened.hashAt(6)).toBe(head.hash);
    expect(await reopened.hashAt(7)).toBeNull();
    const verified = await verifyJournal(dir, { mustContainHash: (await reopened.hashAt(2)) ?? "" });
    expect(E.isRight(verified)).toBe(true);
    expect(head.position).toBe(6);
    expect(await reopened.headPosition()).toBe(4);
    expect(reopened.describe()).toEqual({ kind: "journal", location: dir });
    await reopened.close();
  });

  it("groups concurrent appends into shared fsyncs", async () => {
    const store = await freshJournal();
    await Promise.all(Array.from({ length: 32 }, (_, i) => store.append(`s-${i}`, events(1), "no_stream")));
    const stats = store.stats();
    expect(stats.appends).toBe(32);
    expect(stats.fsyncs).toBeLessThan(32);
    await store.close();
  });

  it("moves a history journal → memory → journal keeping ids, revisions, times and envelopes", async () => {
    const source = await freshJournal();
    await source.append("a", [event({ città: "Bologna" }), event()], "no_stream");
    await source.append("b", events(1), "no_stream");
    await source.append("a", events(1), 1);
    const memory = new InMemoryEventStore();
    expect(E.isRight(await memory.importHistory(source.readAll()))).toBe(true);
    const target = await freshJournal();
    const imported = await target.importHistory(memory.readAll());
    expect(E.isRight(imported) && imported.right).toEqual({ events: 4, streams: 2, headPosition: 3 });
    const strip = (e: RecordedEvent) => ({ ...e, position: 0 });
    expect((await collect(target.readAll())).map(strip)).toEqual(
      (await collect(source.readAll())).map(strip),
    );
    await source.close();
    await target.close();
  });

  it("stops an import at the first event out of its stream's order, keeping the ones before it", async () => {
    const store = await freshJournal();
    const memory = new InMemoryEventStore();
    await memory.append("a", events(2), "no_stream");
    const history = (await collect(memory.readAll())).map((e, i) => (i === 1 ? { ...e, revision: 5 } : e));
    const imported = await store.importHistory(
      (async function* () {
        yield* history;
      })(),
    );
    expect(E.isLeft(imported) && imported.left._tag).toBe("WrongExpectedRevision");
    expect((await store.streamState("a")).revision).toBe(0);
    await store.close();
  });

  it("verify decodes every event when asked, naming the first that does not decode", async () => {
    const dir = await tempDir();
    const store = await mustOpen(dir, { create: true });
    await store.append("a", [event({ n: 1 }), event({ n: "two" }), event({ n: 3 })], "no_stream");
    await store.close();
    const decode = (e: RecordedEvent) =>
      typeof (e.data as { n?: unknown }).n === "number"
        ? E.right(e)
        : E.left(eventDecodeError("invalid-data", e.type, e.version, "data.n: expected number"));
    const verified = await verifyJournal(dir, { decode });
    expect(E.isLeft(verified) && verified.left).toMatchObject({
      _tag: "JournalCorrupt",
      position: 1,
      reason: "decode",
    });
    const lines = (await readFile(join(dir, JOURNAL_FILE), "utf8")).split("\n");
    expect(lines.length).toBe(5);
  });

  it("refuses events that cannot be recorded, before writing anything", async () => {
    const store = await freshJournal();
    const bad = { ...event(), eventId: "" };
    await expect(store.append("a", [event(), bad], "no_stream")).rejects.toThrow(/events\.1: eventId/);
    expect(await store.headPosition()).toBeNull();
    await store.close();
  });
});
