import { appendFile, readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE, openJournal, verifyJournal } from "../src/index.js";
import { collect, events, snapshot } from "./journal-files.js";
import { mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";

afterAll(removeTempDirs);

/** A closed journal with three streams of events; returns its directory and file size. */
const writtenJournal = async (): Promise<{ dir: string; file: string; size: number }> => {
  const dir = await tempDir();
  const store = await mustOpen(dir, { create: true });
  for (const stream of ["a", "b", "c"]) {
    expect(E.isRight(await store.append(stream, events(3), "no_stream"))).toBe(true);
  }
  await store.setStreamMetadata("a", { retention: "P10Y" });
  await store.close();
  const file = join(dir, JOURNAL_FILE);
  return { dir, file, size: (await readFile(file)).length };
};

const eventIds = async (dir: string): Promise<string[]> => {
  const store = await mustOpen(dir, { readOnly: true });
  try {
    return (await collect(store.readAll())).map((e) => e.eventId);
  } finally {
    await store.close();
  }
};

describe("recovery at open", () => {
  it("cuts a torn last record, reports it, and keeps every complete record", async () => {
    const { dir, file, size } = await writtenJournal();
    const before = await eventIds(dir);
    const lines = (await readFile(file, "utf8")).split("\n");
    const lastLine = lines[lines.length - 2] ?? "";
    await truncate(file, size - 1 - Math.floor(lastLine.length / 2));
    const store = await mustOpen(dir);
    expect(store.recovery).toEqual({
      bytesCut: lastLine.length - Math.floor(lastLine.length / 2),
      recordsCut: 1,
    });
    expect(await store.getStreamMetadata("a")).toBeNull();
    expect((await collect(store.readAll())).map((e) => e.eventId)).toEqual(before);
    expect(E.isRight(await store.append("a", events(1), 2))).toBe(true);
    await store.close();
    expect(E.isRight(await verifyJournal(dir))).toBe(true);
  });

  it("cuts a record whose newline never reached the disk", async () => {
    const { dir, file, size } = await writtenJournal();
    await truncate(file, size - 1);
    const store = await mustOpen(dir);
    expect(store.recovery.recordsCut).toBe(1);
    expect((await readFile(file)).length).toBeLessThan(size - 1);
    await store.close();
  });

  it("cuts trailing garbage and zero-filled blocks left by a crash", async () => {
    const { dir, file, size } = await writtenJournal();
    await appendFile(file, Buffer.concat([Buffer.from("garbage\n{not json\n"), Buffer.alloc(4096)]));
    const store = await mustOpen(dir);
    expect(store.recovery).toEqual({ bytesCut: 18 + 4096, recordsCut: 3 });
    await store.close();
    expect((await readFile(file)).length).toBe(size);
    expect(E.isRight(await verifyJournal(dir))).toBe(true);
  });

  it("reports nothing for a clean journal", async () => {
    const { dir } = await writtenJournal();
    const store = await mustOpen(dir);
    expect(store.recovery).toEqual({ bytesCut: 0, recordsCut: 0 });
    await store.close();
  });

  it("refuses, changing nothing, when a complete record at the tail does not chain (not a crash)", async () => {
    const { dir, file } = await writtenJournal();
    const lines = (await readFile(file, "utf8")).split("\n");
    await appendFile(file, `${lines[2]}\n`);
    const before = await snapshot(dir);
    const opened = await openJournal(dir);
    expect(E.isLeft(opened) && opened.left._tag === "JournalCorrupt" && opened.left.reason).toBe(
      "hash-mismatch",
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it("refuses, changing nothing, when garbage is followed by records", async () => {
    const { dir, file } = await writtenJournal();
    const text = await readFile(file, "utf8");
    const lines = text.split("\n");
    lines.splice(3, 0, "garbage in the middle");
    await writeFile(file, lines.join("\n"));
    const before = await snapshot(dir);
    const opened = await openJournal(dir);
    expect(E.isLeft(opened) && opened.left._tag === "JournalCorrupt" && opened.left.position).toBe(2);
    expect(await snapshot(dir)).toEqual(before);
  });

  it("a read-only open leaves a torn tail in place and reads the complete records", async () => {
    const { dir, file, size } = await writtenJournal();
    await truncate(file, size - 10);
    const before = await snapshot(dir);
    const reader = await mustOpen(dir, { readOnly: true });
    expect(reader.recovery).toEqual({ bytesCut: 0, recordsCut: 0 });
    expect((await collect(reader.readAll())).length).toBe(9);
    await reader.close();
    expect(await snapshot(dir)).toEqual(before);
  });
});
