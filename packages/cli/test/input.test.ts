import { existsSync } from "node:fs";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codiceFiscaleCheckChar } from "@insieme/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcess, oneErrorLine } from "./run-cli.js";

/** Attacker's tests of the one line reader and of the history import's decoding, through `insieme import`. */

const operator = { id: "op-1", role: "operator" } as const;
const cf = (n: number): string => {
  const first15 = `RSSMRA85T10A${String(100 + n).padStart(3, "0")}`;
  return first15 + codiceFiscaleCheckChar(first15);
};
const apply = (n: number) => ({
  commandId: `apply-${n}`,
  type: "SubmitApplication",
  occurredAt: "2018-01-10T09:00:00Z",
  actor: operator,
  data: {
    candidateId: `cand-${n}`,
    channel: "online_form",
    referrer: "self",
    birthYear: 1985,
    gender: "female",
    educationLevel: "upper_secondary",
    citizenship: "italian",
    residence: { municipalityIstat: "037006", quartiere: "navile" },
    unemploymentDuration: "over_24_months",
    economicCondition: "isee_6k_12k",
    personal: {
      codiceFiscale: cf(n),
      givenName: "Maria",
      familyName: `Rossi ${n}`,
      email: `maria${n}@example.org`,
      phone: null,
    },
  },
});

let dir: string;
let history: string;
let historyLines: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "insieme-input-"));
  const commands = join(dir, "commands.ndjson");
  await writeFile(commands, `${[apply(1), apply(2)].map((c) => JSON.stringify(c)).join("\r\n")}`);
  const journal = join(dir, "source");
  const imported = await inProcess("import", "--config", "illustrative", "--journal", journal, commands);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toMatch(/^accepted 2, rejected 0/);
  history = join(dir, "history.ndjson");
  const exported = await inProcess("export", "--journal", journal, "--out", history);
  expect(exported.code, exported.stderr).toBe(0);
  historyLines = (await readFile(history, "utf8")).trimEnd().split("\n");
  expect(historyLines.length).toBeGreaterThan(2);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A file of `size` bytes whose first bytes are `prefix` and the rest a hole (read as zero bytes, never stored). */
const sparseFile = async (path: string, prefix: string, size: number): Promise<void> => {
  const file = await open(path, "w");
  await file.write(prefix);
  await file.truncate(size);
  await file.close();
};

const refusedWithNothingWritten = async (
  file: string,
  target: string,
  message: RegExp,
  ...extra: string[]
) => {
  const run = await inProcess("import", "--config", "illustrative", "--journal", target, ...extra, file);
  expect(run.code, run.stderr).toBe(1);
  oneErrorLine(run);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(target), "the journal was created").toBe(false);
  expect(existsSync(`${target}.keys`), "keys were created").toBe(false);
};

describe("insieme import: command files through the bounded line reader", () => {
  it("refuses a 600 MB line by its number, without reading it whole, and writes nothing", async () => {
    const file = join(dir, "huge-command.ndjson");
    await sparseFile(file, `${JSON.stringify(apply(3))}\n`, 600 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    await refusedWithNothingWritten(
      file,
      join(dir, "huge-target"),
      /huge-command\.ndjson:2: line longer than 1048576 bytes \(the limit\); nothing was written/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("takes the limit from --max-line-bytes", async () => {
    const file = join(dir, "long-command.ndjson");
    await writeFile(
      file,
      `${JSON.stringify(apply(4))}\n${JSON.stringify({ ...apply(5), pad: "x".repeat(3000) })}\n`,
    );
    await refusedWithNothingWritten(
      file,
      join(dir, "long-target"),
      /long-command\.ndjson:2: line longer than 2048 bytes/,
      "--max-line-bytes",
      "2048",
    );
    const bad = await inProcess("import", "--journal", join(dir, "x"), "--max-line-bytes", "ten", file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-line-bytes/);
  });

  it("refuses invalid UTF-8 by its line instead of storing U+FFFD, and writes nothing", async () => {
    const file = join(dir, "latin1-command.ndjson");
    const good = Buffer.from(`${JSON.stringify(apply(6))}\n`);
    const latin1 = Buffer.from(`${JSON.stringify(apply(7)).replace("Maria", "Mar\u00eda")}\n`, "latin1");
    await writeFile(file, Buffer.concat([good, latin1]));
    await refusedWithNothingWritten(
      file,
      join(dir, "latin1-target"),
      /latin1-command\.ndjson:2: not valid UTF-8; nothing was written/,
    );
  });
});

describe("insieme import: a history export is decoded with the domain's registry before anything is written", () => {
  const withLine = async (name: string, index: number, line: string | Buffer): Promise<string> => {
    const file = join(dir, name);
    const lines: (string | Buffer)[] = [...historyLines];
    lines[index] = line;
    await writeFile(
      file,
      Buffer.concat(lines.map((l) => Buffer.concat([Buffer.from(l), Buffer.from("\n")]))),
    );
    return file;
  };
  const event = (index: number) => JSON.parse(historyLines[index] as string) as Record<string, unknown>;

  it("imports the untouched export", async () => {
    const run = await inProcess("import", "--journal", join(dir, "moved"), history);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^imported history: /);
  });

  it("refuses an event whose data the domain cannot decode, naming the line and the field", async () => {
    const bad = event(1);
    const data = { ...(bad.data as Record<string, unknown>) };
    delete data.candidateId;
    const file = await withLine("undecodable.ndjson", 1, JSON.stringify({ ...bad, data }));
    await refusedWithNothingWritten(
      file,
      join(dir, "undecodable-target"),
      new RegExp(
        `undecodable\\.ndjson:2: event ${String(bad.type).replace(".", "\\.")} v\\d+: .*candidateId`,
      ),
    );
  });

  it("refuses an unknown event type or version", async () => {
    const unknownType = await withLine(
      "unknown-type.ndjson",
      2,
      JSON.stringify({ ...event(2), type: "candidate.beamed" }),
    );
    await refusedWithNothingWritten(
      unknownType,
      join(dir, "t1"),
      /unknown-type\.ndjson:3: .*unknown event type 'candidate\.beamed'/,
    );
    const unknownVersion = await withLine(
      "unknown-version.ndjson",
      1,
      JSON.stringify({ ...event(1), version: 99 }),
    );
    await refusedWithNothingWritten(
      unknownVersion,
      join(dir, "t2"),
      /unknown-version\.ndjson:2: .*v99 is not known/,
    );
  });

  it("refuses invalid UTF-8 and an over-long line in a history export", async () => {
    const latin1 = await withLine(
      "history-latin1.ndjson",
      1,
      Buffer.from(historyLines[1]?.replace('"type":', '"type\u00e9":') ?? "", "latin1"),
    );
    await refusedWithNothingWritten(latin1, join(dir, "t3"), /history-latin1\.ndjson:2: not valid UTF-8/);
    const huge = join(dir, "history-huge.ndjson");
    await sparseFile(huge, `${historyLines[0]}\n${historyLines[1]}\n`, 100 * 1024 * 1024);
    await refusedWithNothingWritten(
      huge,
      join(dir, "t4"),
      /history-huge\.ndjson:3: line longer than 16777216 bytes/,
    );
  });
});
