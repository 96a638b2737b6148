import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RecordedEvent } from "@insieme/kernel";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChainVerifier } from "../src/chain-verifier.js";
import { JOURNAL_FILE, JournalCorruptError } from "../src/index.js";
import { collect } from "./journal-files.js";
import { mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";
import { writtenJournal } from "./written-journal.js";

afterAll(removeTempDirs);

let original: Buffer;
let all: RecordedEvent[];
let headerHash: string;

beforeAll(async () => {
  const written = await writtenJournal();
  all = written.all;
  original = await readFile(written.file);
  headerHash = JSON.parse(original.toString("utf8", 0, original.indexOf(0x0a))).hash;
});

/** What a read-only replay from the start gives for these bytes: the events, or the corruption it reports. */
const replay = async (bytes: Buffer, threaded: boolean, readChunkBytes: number) => {
  const dir = await tempDir();
  await writeFile(join(dir, JOURNAL_FILE), bytes);
  const reader = await mustOpen(dir, {
    readOnly: true,
    readChunkBytes,
    chainThreadMinBytes: threaded ? 0 : Number.POSITIVE_INFINITY,
  });
  try {
    return { events: await collect(reader.readAll()), chainHead: reader.chainHead() };
  } catch (error) {
    // The two replays read copies in different directories: compare what they say, not where.
    if (error instanceof JournalCorruptError)
      return { corruption: JSON.parse(JSON.stringify(error.corruption).replaceAll(dir, "<dir>")) as unknown };
    throw error;
  } finally {
    await reader.close();
  }
};

describe("replay with the hash chain checked in a second thread", () => {
  it("the verifier thread confirms the lines that chain and stops at the first that does not", async () => {
    const body = original.subarray(original.indexOf(0x0a) + 1);
    const lineCount = body.filter((b) => b === 0x0a).length;
    const verifier = new ChainVerifier(headerHash);
    expect(await verifier.verify(body)).toEqual({ verifiedLines: lineCount, complete: true });
    await verifier.close();

    const tampered = Buffer.from(body);
    const third = tampered.indexOf(0x0a, tampered.indexOf(0x0a) + 1) + 1;
    tampered[third + 20] = (tampered[third + 20] as number) ^ 1;
    const again = new ChainVerifier(headerHash);
    expect(await again.verify(tampered)).toEqual({ verifiedLines: 2, complete: false });
    expect(await again.verify(body)).toEqual({ verifiedLines: 0, complete: false });
    await again.close();
  });

  it("gives the same events and chain head as the replay that hashes in line, for any chunk size", async () => {
    for (const chunk of [200, 4096, 1 << 20]) {
      const threaded = await replay(original, true, chunk);
      expect(threaded).toEqual(await replay(original, false, chunk));
      expect(threaded.events).toEqual(all);
    }
  });

  it("a threaded replay left early stops its thread, and the next replay starts afresh", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, JOURNAL_FILE), original);
    const reader = await mustOpen(dir, { readOnly: true, readChunkBytes: 512, chainThreadMinBytes: 0 });
    const firstTwo: RecordedEvent[] = [];
    for await (const e of reader.readAll()) {
      firstTwo.push(e);
      if (firstTwo.length === 2) break;
    }
    expect(firstTwo).toEqual(all.slice(0, 2));
    expect(await collect(reader.readAll({ maxCount: 7 }))).toEqual(all.slice(0, 7));
    expect(await collect(reader.readAll())).toEqual(all);
    await reader.close();
  });

  it("property: a changed byte is reported exactly as the replay that hashes in line reports it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.constantFrom(300, 4096),
        async (at, delta, chunk) => {
          const bytes = Buffer.from(original);
          const bodyStart = original.indexOf(0x0a) + 1;
          const offset = bodyStart + (at % (bytes.length - bodyStart));
          bytes[offset] = ((bytes[offset] as number) + delta) % 256;
          expect(await replay(bytes, true, chunk)).toEqual(await replay(bytes, false, chunk));
        },
      ),
      { numRuns: 80 },
    );
  });
});
