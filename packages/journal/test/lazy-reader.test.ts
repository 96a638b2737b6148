import { appendFile, readFile, writeFile } from "node:fs/promises";
import type { RecordedEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { type JournalCorrupt, JournalCorruptError, openJournal } from "../src/index.js";
import { collect, event, events, snapshot } from "./journal-files.js";
import { mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";
import { writtenJournal } from "./written-journal.js";

afterAll(removeTempDirs);

const corruptionOf = async (reading: Promise<unknown>): Promise<JournalCorrupt> => {
  const error: unknown = await reading.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof JournalCorruptError))
    throw new Error(`expected JournalCorruptError, got ${String(error)}`);
  return error.corruption;
};

const writerRefusal = async (dir: string): Promise<JournalCorrupt> => {
  const opened = await openJournal(dir);
  if (E.isRight(opened)) {
    await opened.right.close();
    throw new Error("the writer opened a corrupt journal");
  }
  if (opened.left._tag !== "JournalCorrupt") throw new Error(`unexpected ${opened.left._tag}`);
  return opened.left;
};

describe("a read-only open indexes on first need", () => {
  it("replays from the start without the index and gives what an indexed read gives", async () => {
    const { dir, all } = await writtenJournal();
    for (const readChunkBytes of [64, 1000, 1 << 20]) {
      const lazy = await mustOpen(dir, { readOnly: true, readChunkBytes });
      expect(() => lazy.chainHead()).toThrow(/ensureIndexed/);
      expect(await collect(lazy.readAll())).toEqual(all);
      expect(await collect(lazy.readAll({ maxCount: 5 }))).toEqual(all.slice(0, 5));
      expect(await collect(lazy.readAll({ after: 10 }))).toEqual(all.filter((e) => e.position > 10));

      const eager = await mustOpen(dir, { readOnly: true, readChunkBytes });
      await eager.ensureIndexed();
      expect(await collect(eager.readAll())).toEqual(all);
      expect(lazy.chainHead()).toEqual(eager.chainHead());
      expect(await lazy.headPosition()).toBe(await eager.headPosition());
      expect(await lazy.streamState("stream-2")).toEqual(await eager.streamState("stream-2"));
      expect((await lazy.streamState("stream-2")).deleted).toBe(true);
      expect(await lazy.getStreamMetadata("stream-1")).toEqual({ retention: "P10Y" });
      expect(await collect(lazy.readStream("stream-3"))).toEqual(await collect(eager.readStream("stream-3")));
      await lazy.close();
      await eager.close();
    }
  });

  it("a replay that stops early leaves the index to be built on first need", async () => {
    const { dir, all } = await writtenJournal();
    const reader = await mustOpen(dir, { readOnly: true, readChunkBytes: 256 });
    const firstTwo: RecordedEvent[] = [];
    for await (const e of reader.readAll()) {
      firstTwo.push(e);
      if (firstTwo.length === 2) break;
    }
    expect(firstTwo).toEqual(all.slice(0, 2));
    expect(() => reader.headHash()).toThrow(/ensureIndexed/);
    expect(await reader.headPosition()).toBe(all.at(-1)?.position);
    expect(await collect(reader.readAll())).toEqual(all);
    await reader.close();
  });

  it("follows a writer appending while it replays: complete records only, always a prefix in order", async () => {
    const dir = await tempDir();
    const writer = await mustOpen(dir, { create: true });
    await writer.append("s-0", events(3), "no_stream");
    const writing = (async () => {
      for (let i = 0; i < 120; i++) {
        await writer.append(`s-${i % 5}`, [event({ i, pad: "y".repeat((i * 37) % 500) })], "any");
      }
    })();
    const seen: number[] = [];
    let replays = 0;
    let done = false;
    void writing.then(() => {
      done = true;
    });
    while (!done || replays < 2) {
      const reader = await mustOpen(dir, { readOnly: true, readChunkBytes: 512 });
      const replayed = await collect(reader.readAll());
      expect(replayed.map((e) => e.position)).toEqual(replayed.map((_, i) => i));
      seen.push(replayed.length);
      const later = await collect(reader.readAll({ after: replayed.at(-1)?.position ?? null }));
      expect(later.map((e) => e.position)).toEqual(later.map((_, i) => replayed.length + i));
      await reader.close();
      replays++;
    }
    await writing;
    const all = await collect(writer.readAll());
    const reader = await mustOpen(dir, { readOnly: true });
    expect(await collect(reader.readAll())).toEqual(all);
    expect(reader.chainHead()).toEqual(writer.chainHead());
    await writer.append("s-0", events(2), "any");
    expect(await collect(reader.readAll({ after: all.at(-1)?.position ?? null }))).toEqual(
      (await collect(writer.readAll())).slice(all.length),
    );
    expect(seen.every((count) => count >= 3 && count <= all.length)).toBe(true);
    await reader.close();
    await writer.close();
  });

  it("a subscription from the start replays without the index, then follows the writer", async () => {
    const { dir, all } = await writtenJournal();
    const writer = await mustOpen(dir);
    const reader = await mustOpen(dir, { readOnly: true, pollIntervalMs: 10 });
    const subscription = reader.subscribe();
    const iterator = subscription[Symbol.asyncIterator]();
    const replayed: RecordedEvent[] = [];
    for (;;) {
      const message = (await iterator.next()).value;
      if (message?.kind !== "event") {
        expect(message?.kind).toBe("caughtUp");
        break;
      }
      replayed.push(message.event);
    }
    expect(replayed).toEqual(all);
    const live = iterator.next();
    const appended = await writer.append("stream-0", events(1), "any");
    const message = (await live).value;
    expect(message?.kind === "event" && message.event.position).toBe(
      E.isRight(appended) ? appended.right.positions[0] : -1,
    );
    await subscription.close();
    expect(reader.chainHead()).toEqual(writer.chainHead());
    await reader.close();
    await writer.close();
  });

  it("replays a journal with a torn tail read-only: the torn line is no event and nothing changes", async () => {
    const { dir, file, all } = await writtenJournal();
    const writer = await mustOpen(dir);
    const head = writer.chainHead();
    await writer.close();
    const lines = (await readFile(file, "utf8")).split("\n");
    const half = (lines[lines.length - 2] ?? "").slice(0, 100);
    for (const debris of [half, `\0\0\0\0\n${half}`]) {
      await writeFile(file, lines.join("\n"));
      await appendFile(file, debris);
      const before = await snapshot(dir);
      const reader = await mustOpen(dir, { readOnly: true, readChunkBytes: 300 });
      expect(await collect(reader.readAll())).toEqual(all);
      expect(reader.chainHead()).toEqual(head);
      expect(await reader.headPosition()).toBe(all.at(-1)?.position);
      await reader.close();
      expect(await snapshot(dir)).toEqual(before);
    }
  });

  it("a corrupt record stops a replay from the start with the error a writer's open gives", async () => {
    const { dir, file } = await writtenJournal();
    const original = await readFile(file, "utf8");
    const lines = original.split("\n");
    const changed = (index: number, edit: (line: string) => string): string =>
      lines.map((line, i) => (i === index ? edit(line) : line)).join("\n");
    const lastRecord = lines.length - 2;
    const damages = [
      changed(12, (line) => line.replace('"i":', '"j":')),
      changed(lastRecord, (line) => line.replace('"revision":', '"revision": ')),
      changed(5, () => "not a record"),
    ];
    for (const damaged of damages) {
      await writeFile(file, damaged);
      const expected = await writerRefusal(dir);
      const reader = await mustOpen(dir, { readOnly: true, readChunkBytes: 700 });
      expect(await corruptionOf(collect(reader.readAll()))).toEqual(expected);
      await reader.close();
      const indexing = await mustOpen(dir, { readOnly: true });
      expect(await corruptionOf(indexing.headPosition())).toEqual(expected);
      await indexing.close();
    }
  });
});
