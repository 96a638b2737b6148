import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LineReadError, type PositionalSource, readFileLines, readLines } from "../src/bounded-lines.js";

const bytesSource = (bytes: Buffer): PositionalSource => ({
  read: async (buffer, offset, length, position) => {
    const n = Math.max(0, Math.min(length, bytes.length - position));
    bytes.copy(buffer, offset, position, position + n);
    return { bytesRead: n };
  },
});

/** A source of `size` bytes that are never held anywhere: a prefix, then `fill` up to `size`; counts what is read. */
const generatedSource = (prefix: Buffer, size: number, fill = 0x61) => {
  let bytesRead = 0;
  let largestRead = 0;
  const source: PositionalSource = {
    read: async (buffer, offset, length, position) => {
      const n = Math.max(0, Math.min(length, size - position));
      for (let i = 0; i < n; i++) {
        const at = position + i;
        buffer[offset + i] = at < prefix.length ? (prefix[at] as number) : fill;
      }
      bytesRead += n;
      largestRead = Math.max(largestRead, n);
      return { bytesRead: n };
    },
  };
  return { source, read: () => bytesRead, largest: () => largestRead };
};

const all = async (source: PositionalSource, options = {}): Promise<string[]> => {
  const lines: string[] = [];
  for await (const line of readLines(source, options)) lines.push(line);
  return lines;
};

const collect = async (lines: AsyncIterable<string>): Promise<string[]> => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

const refusal = async (run: Promise<unknown>): Promise<LineReadError> => {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LineReadError);
  return error as LineReadError;
};

describe("readLines: the one line reader", () => {
  it("splits on \\n, drops a \\r before it and a byte-order mark, keeps a last line without \\n", async () => {
    const text = '\ufeff{"a":1}\r\n\r\nzwei\ndrei';
    expect(await all(bytesSource(Buffer.from(text, "utf8")))).toEqual(['{"a":1}', "", "zwei", "drei"]);
    expect(await all(bytesSource(Buffer.from("one\n", "utf8")))).toEqual(["one"]);
    expect(await all(bytesSource(Buffer.alloc(0)))).toEqual([]);
  });

  it("gives back the same lines as splitting the text, whatever the chunk size (property)", async () => {
    const line = fc.string({ unit: "grapheme", maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        async (lines, chunk) => {
          const text = lines.map((l) => `${l}\n`).join("");
          expect(await all(bytesSource(Buffer.from(text, "utf8")), { chunkBytes: chunk })).toEqual(
            lines.map((l, i) => (i === 0 && l.startsWith("\ufeff") ? l.slice(1) : l)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses invalid UTF-8, naming the line, instead of storing U+FFFD", async () => {
    const bytes = Buffer.concat([
      Buffer.from("ok\nok\n"),
      Buffer.from([0x7b, 0xc3, 0x28, 0x7d, 0x0a]),
      Buffer.from("after\n"),
    ]);
    const error = await refusal(all(bytesSource(bytes)));
    expect(error.problem).toBe("invalid-utf8");
    expect(error.line).toBe(3);
    expect(error.offset).toBe(6);
    expect(error.message).toBe("line 3: not valid UTF-8");
    // An overlong encoding and a lone surrogate are invalid too; a last line without \n is checked as well.
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff]]) {
      const e = await refusal(all(bytesSource(Buffer.concat([Buffer.from("a\n"), Buffer.from(bad)]))));
      expect([e.problem, e.line]).toEqual(["invalid-utf8", 2]);
    }
  });

  it("refuses a line over the limit, naming it, whether it ends inside one chunk or spans many", async () => {
    const short = await refusal(
      all(bytesSource(Buffer.from(`a\n${"x".repeat(11)}\nb\n`)), { maxLineBytes: 10 }),
    );
    expect([short.problem, short.line, short.offset]).toEqual(["too-long", 2, 2]);
    const long = await refusal(
      all(bytesSource(Buffer.from(`a\nb\n${"x".repeat(100)}`)), { maxLineBytes: 10, chunkBytes: 4 }),
    );
    expect([long.problem, long.line, long.offset]).toEqual(["too-long", 3, 4]);
    expect(long.message).toBe("line 3: line longer than 10 bytes (the limit)");
    // Exactly at the limit is accepted, with or without \r\n.
    expect(
      await all(bytesSource(Buffer.from(`${"x".repeat(10)}\r\n${"y".repeat(10)}`)), { maxLineBytes: 10 }),
    ).toEqual(["x".repeat(10), "y".repeat(10)]);
  });

  it("refuses a 600 MB line after reading about the limit, never the line (memory stays flat)", async () => {
    const size = 600 * 1024 * 1024;
    const huge = generatedSource(Buffer.from('{"commandId":"c1"}\n'), size);
    const error = await refusal(all(huge.source, { maxLineBytes: 1024 * 1024 }));
    expect([error.problem, error.line]).toEqual(["too-long", 2]);
    expect(huge.read()).toBeLessThan(3 * 1024 * 1024);
    expect(huge.largest()).toBeLessThanOrEqual(1024 * 1024 + 1);
  });
});

describe("readFileLines", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-lines-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a file and closes it, also when the reader stops early", async () => {
    const path = join(dir, "lines.ndjson");
    await writeFile(path, "1\n2\n3");
    const seen: string[] = [];
    for await (const line of readFileLines(path)) {
      seen.push(line);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["1", "2"]);
    expect(await collect(readFileLines(path))).toEqual(["1", "2", "3"]);
  });

  it("refuses a sparse 100 MB line of a file without reading it whole", async () => {
    const path = join(dir, "huge.ndjson");
    const file = await open(path, "w");
    await file.write("{}\n{}\n");
    await file.truncate(100 * 1024 * 1024);
    await file.close();
    const error = await refusal(collect(readFileLines(path)));
    expect([error.problem, error.line]).toEqual(["too-long", 3]);
  });
});
