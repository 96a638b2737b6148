import { readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE, type JournalOpenError, openJournal, verifyJournal } from "../src/index.js";
import { MAX_RECORD_BYTES, sealRecord } from "../src/record-format.js";
import { snapshot } from "./journal-files.js";
import { mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";

afterAll(removeTempDirs);

const refusal = async (dir: string, options: { create?: boolean } = {}): Promise<JournalOpenError> => {
  const opened = await openJournal(dir, options);
  if (E.isRight(opened)) {
    await opened.right.close();
    throw new Error("the journal opened");
  }
  return opened.left;
};

/** Opens as a writer, as a reader and with create; each must give the same error and leave the directory alone. */
const refusedEveryWay = async (dir: string, tag: JournalOpenError["_tag"]): Promise<JournalOpenError> => {
  const before = await snapshot(dir);
  const asWriter = await refusal(dir);
  expect(asWriter._tag).toBe(tag);
  expect((await refusal(dir, { create: true }))._tag).toBe(tag);
  const asReader = await openJournal(dir, { readOnly: true });
  expect(E.isLeft(asReader) && asReader.left._tag).toBe(tag);
  const verified = await verifyJournal(dir);
  expect(E.isLeft(verified) && verified.left._tag).toBe(tag);
  expect(await snapshot(dir)).toEqual(before);
  expect(asWriter.message).toContain(dir);
  return asWriter;
};

describe("files that are not a journal this library can open", () => {
  it("a journal of a newer format version", async () => {
    const dir = await tempDir();
    const header = JSON.stringify({
      kind: "header",
      journal: "insieme-journal",
      format: 2,
      createdAt: "2030-01-01T00:00:00.000Z",
    });
    await writeFile(join(dir, JOURNAL_FILE), sealRecord(header, "0".repeat(64)).line);
    const error = await refusedEveryWay(dir, "UnsupportedFormatVersion");
    expect(error._tag === "UnsupportedFormatVersion" && [error.found, error.supported]).toEqual([2, 1]);
  });

  it("a journal file that is something else", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, JOURNAL_FILE), "name,surname\nMario,Rossi\n");
    await refusedEveryWay(dir, "NotAJournal");
  });

  it("a JSON file that is not a journal", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, JOURNAL_FILE), '{"kind":"report","rows":[]}\n');
    await refusedEveryWay(dir, "NotAJournal");
  });

  it("a plain file given as the journal directory", async () => {
    const dir = await tempDir();
    const file = join(dir, "report.json");
    await writeFile(file, "{}");
    const error = await refusal(file);
    expect(error._tag).toBe("NotAJournal");
    expect(await readFile(file, "utf8")).toBe("{}");
  });

  it("an empty journal file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, JOURNAL_FILE), "");
    await refusedEveryWay(dir, "EmptyJournalFile");
  });

  it("a missing directory, which is created only when asked", async () => {
    const parent = await tempDir();
    const dir = join(parent, "nowhere");
    expect((await refusal(dir))._tag).toBe("JournalNotFound");
    const asReader = await openJournal(dir, { readOnly: true, create: true });
    expect(E.isLeft(asReader) && asReader.left._tag).toBe("JournalNotFound");
    const verified = await verifyJournal(dir);
    expect(E.isLeft(verified) && verified.left._tag).toBe("JournalNotFound");
    expect(await snapshot(parent)).toEqual({});
    await (await mustOpen(dir, { create: true })).close();
    expect(Object.keys(await snapshot(dir))).toEqual([JOURNAL_FILE]);
  });

  it("a directory without a journal file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "notes.txt"), "not a journal");
    const before = await snapshot(dir);
    expect((await refusal(dir))._tag).toBe("JournalNotFound");
    expect(await snapshot(dir)).toEqual(before);
  });

  it("a journal locked by another writer", async () => {
    const dir = await tempDir();
    const writer = await mustOpen(dir, { create: true });
    const before = await snapshot(dir);
    expect((await refusal(dir))._tag).toBe("JournalLocked");
    expect((await refusal(dir, { create: true }))._tag).toBe("JournalLocked");
    expect(await snapshot(dir)).toEqual(before);
    await writer.close();
  });
});

describe("a line longer than any record", () => {
  it("is corruption, found after reading about the record limit, never buffered whole", async () => {
    const dir = await tempDir();
    const header = JSON.stringify({
      kind: "header",
      journal: "insieme-journal",
      format: 1,
      createdAt: "2030-01-01T00:00:00.000Z",
    });
    const path = join(dir, JOURNAL_FILE);
    await writeFile(path, sealRecord(header, "0".repeat(64)).line);
    // A hole after the header: one line of zero bytes just over the limit, never stored.
    await truncate(path, MAX_RECORD_BYTES + 4096);
    const before = await snapshot(dir);
    for (const options of [{}, { create: true }]) {
      const error = await refusal(dir, options);
      expect(error._tag).toBe("JournalCorrupt");
      expect(error.message).toContain(`line longer than a record may be (${MAX_RECORD_BYTES} bytes)`);
    }
    const verified = await verifyJournal(dir);
    expect(E.isLeft(verified) && verified.left._tag).toBe("JournalCorrupt");
    expect(await snapshot(dir)).toEqual(before);
  });

  it("is never written: a record over the limit is refused before it is sealed", () => {
    const body = JSON.stringify({ kind: "event", pad: "x".repeat(MAX_RECORD_BYTES) });
    expect(() => sealRecord(body, "0".repeat(64))).toThrow(RangeError);
  });
});

describe("the key fingerprint in the header", () => {
  const fingerprint = (c: string) => `hmac-sha256:${c.repeat(64)}`;

  it("is recorded at creation; another fingerprint is refused as a writer and as a reader, nothing changed", async () => {
    const dir = await tempDir();
    const created = await openJournal(dir, { create: true, keyFingerprint: fingerprint("a") });
    if (E.isLeft(created)) throw new Error(created.left.message);
    expect(created.right.keyFingerprint).toBe(fingerprint("a"));
    await created.right.close();
    const header = (await readFile(join(dir, JOURNAL_FILE), "utf8")).split("\n")[0] ?? "";
    expect(JSON.parse(header).keyFingerprint).toBe(fingerprint("a"));
    const before = await snapshot(dir);
    for (const options of [{}, { create: true }, { readOnly: true }]) {
      const opened = await openJournal(dir, { ...options, keyFingerprint: fingerprint("b") });
      expect(E.isLeft(opened) && opened.left._tag).toBe("KeyFingerprintMismatch");
      if (E.isLeft(opened)) expect(opened.left.message).toContain(fingerprint("a"));
      if (E.isRight(opened)) await opened.right.close();
    }
    expect(await snapshot(dir)).toEqual(before);
    await (await mustOpen(dir, { keyFingerprint: fingerprint("a") })).close();
  });

  it("is not required of a journal created without one", async () => {
    const dir = await tempDir();
    await (await mustOpen(dir, { create: true })).close();
    const store = await mustOpen(dir, { keyFingerprint: fingerprint("c") });
    expect(store.keyFingerprint).toBeNull();
    await store.close();
  });
});
