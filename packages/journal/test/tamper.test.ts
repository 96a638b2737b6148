import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE, type JournalVerifyError, verifyJournal } from "../src/index.js";
import { event, events } from "./journal-files.js";
import { mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";

afterAll(removeTempDirs);

let original: Buffer;
let headHash: string;
let lines: string[];

beforeAll(async () => {
  const dir = await tempDir();
  const store = await mustOpen(dir, { create: true });
  await store.append(
    "candidate-1",
    [event({ nome: "Zoë", città: "Bologna", note: "àèìòù €" }), ...events(2)],
    "no_stream",
  );
  await store.append("company-1", events(2), "no_stream");
  await store.setStreamMetadata("candidate-1", { retention: "P10Y" });
  await store.append("candidate-1", events(1), 2);
  await store.deleteStream("company-1", 1);
  await store.append("project-1", events(2), "no_stream");
  headHash = store.headHash();
  await store.close();
  original = await readFile(join(dir, JOURNAL_FILE));
  lines = original.toString("utf8").split("\n").slice(0, -1);
});

/** Writes the bytes as a journal and verifies it against the head hash the untouched journal had. */
const verifyBytes = async (bytes: Buffer | string): Promise<E.Either<JournalVerifyError, unknown>> => {
  const dir = await tempDir();
  await writeFile(join(dir, JOURNAL_FILE), bytes);
  return verifyJournal(dir, { mustContainHash: headHash });
};

const joinLines = (ls: readonly string[]): string => `${ls.join("\n")}\n`;

/** The 1-based line of a failure, when it names one. */
const lineOf = (error: JournalVerifyError): number | null =>
  error._tag === "JournalCorrupt" ? error.line : null;

const lineOfByte = (offset: number): number =>
  original.subarray(0, offset).filter((b) => b === 0x0a).length + 1;

describe("tamper evidence", () => {
  it("the untouched journal verifies", async () => {
    const verified = await verifyBytes(original);
    expect(E.isRight(verified) && verified.right).toMatchObject({
      events: 8,
      records: 10,
      streams: 3,
      headHash,
    });
  });

  it("any single changed byte is detected at the line holding it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const offset = at % original.length;
        const bytes = Buffer.from(original);
        bytes[offset] = ((bytes[offset] as number) + delta) % 256;
        const verified = await verifyBytes(bytes);
        expect(E.isLeft(verified)).toBe(true);
        if (E.isLeft(verified) && lineOf(verified.left) !== null)
          expect(lineOf(verified.left)).toBe(lineOfByte(offset));
      }),
      { numRuns: 200 },
    );
  });

  it("any changed field, with or without its own hash recomputed, is detected", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (lineAt, fieldAt) => {
        const index = lineAt % lines.length;
        const record = JSON.parse(lines[index] as string) as Record<string, unknown>;
        const keys = Object.keys(record).filter((k) => k !== "hash");
        const key = keys[fieldAt % keys.length] as string;
        const value = record[key];
        record[key] =
          typeof value === "number"
            ? value + 1
            : typeof value === "string"
              ? `${value}x`
              : value === null
                ? "x"
                : { changed: value };
        const changed = [...lines];
        changed[index] = JSON.stringify(record);
        const verified = await verifyBytes(joinLines(changed));
        expect(E.isLeft(verified)).toBe(true);
        if (E.isLeft(verified) && lineOf(verified.left) !== null)
          expect(lineOf(verified.left)).toBe(index + 1);
      }),
      { numRuns: 150 },
    );
  });

  it("any removed, inserted, duplicated or reordered record is detected at the first line it moved", async () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("remove" as const), i: fc.nat() }),
      fc.record({ kind: fc.constant("insert" as const), i: fc.nat(), from: fc.nat() }),
      fc.record({ kind: fc.constant("duplicate" as const), i: fc.nat() }),
      fc.record({ kind: fc.constant("swap" as const), i: fc.nat(), j: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(edit, async (e) => {
        const changed = [...lines];
        const i = e.i % lines.length;
        if (e.kind === "remove") changed.splice(i, 1);
        if (e.kind === "insert") changed.splice(i, 0, lines[e.from % lines.length] as string);
        if (e.kind === "duplicate") changed.splice(i + 1, 0, lines[i] as string);
        if (e.kind === "swap") {
          const j = e.j % lines.length;
          fc.pre(i !== j);
          changed[i] = lines[j] as string;
          changed[j] = lines[i] as string;
        }
        const firstChanged = changed.findIndex((line, k) => line !== lines[k]);
        const verified = await verifyBytes(joinLines(changed));
        expect(E.isLeft(verified)).toBe(true);
        const line = E.isLeft(verified) ? lineOf(verified.left) : null;
        if (line !== null && !(e.kind === "remove" && i === lines.length - 1))
          expect(line).toBe(firstChanged + 1);
      }),
      { numRuns: 200 },
    );
  });

  it("names the first bad position and why, in one printable message", async () => {
    const changed = [...lines];
    changed[3] = (changed[3] as string).replace('"revision":2', '"revision":7');
    const verified = await verifyBytes(joinLines(changed));
    expect(E.isLeft(verified) && verified.left).toMatchObject({
      _tag: "JournalCorrupt",
      position: 2,
      line: 4,
      reason: "hash-mismatch",
    });
    if (E.isLeft(verified))
      expect(verified.left.message).toMatch(/position 2 \(line 4, byte \d+\): hash-mismatch/);
  });

  it("a cut tail is caught only against a known head hash", async () => {
    const cut = joinLines(lines.slice(0, -1));
    const dir = await tempDir();
    await writeFile(join(dir, JOURNAL_FILE), cut);
    expect(E.isRight(await verifyJournal(dir))).toBe(true);
    const anchored = await verifyJournal(dir, { mustContainHash: headHash });
    expect(E.isLeft(anchored) && anchored.left._tag === "JournalCorrupt" && anchored.left.reason).toBe(
      "anchor-missing",
    );
  });
});
