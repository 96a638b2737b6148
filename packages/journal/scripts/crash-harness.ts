/**
 * Crash harness: a child process appends to a journal with concurrent appenders and prints the ids of each
 * append only once it is durable; the parent SIGKILLs it at a random moment, reopens the journal (recovery),
 * and checks that every acknowledged event is there, once and intact, that every event there is intact, and
 * that the whole journal verifies. Repeated `--iterations` times; exits non-zero on any loss or corruption.
 *
 *   pnpm crash-harness [--iterations 200] [--seed N] [--appenders 8] [--max-seconds 300]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { RecordedEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";

type JournalModule = typeof import("../src/index.js");

const loadJournal = async (module: string): Promise<JournalModule> =>
  (await import(module === "dist" ? "../dist/index.js" : "../src/index.js")) as JournalModule;

const { values } = parseArgs({
  options: {
    child: { type: "string" },
    module: { type: "string", default: "src" },
    prefix: { type: "string", default: "x" },
    seed: { type: "string" },
    iterations: { type: "string", default: "200" },
    appenders: { type: "string", default: "8" },
    "iterations-per-journal": { type: "string", default: "5" },
    "max-seconds": { type: "string", default: "300" },
  },
});

/** A small seeded generator (mulberry32) so that a failing run can be repeated with its seed. */
const random = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const checksum = (eventId: string, payload: string): string =>
  createHash("sha256").update(eventId).update("\n").update(payload).digest("hex");

interface HarnessData {
  readonly payload: string;
  readonly check: string;
}

const isIntact = (event: RecordedEvent): boolean => {
  const data = event.data as Partial<HarnessData> | null;
  return (
    typeof data === "object" &&
    data !== null &&
    typeof data.payload === "string" &&
    data.check === checksum(event.eventId, data.payload)
  );
};

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Children start hundreds of times, so they load the compiled package when `pnpm build` has produced it from
 * the current sources (compiling the sources on every start costs several times more); otherwise the sources.
 */
const childModule = async (): Promise<"dist" | "src"> => {
  try {
    for (const name of await readdir(join(packageDir, "src"))) {
      if (!name.endsWith(".ts")) continue;
      const source = await stat(join(packageDir, "src", name));
      const built = await stat(join(packageDir, "dist", name.replace(/\.ts$/, ".js")));
      if (built.mtimeMs < source.mtimeMs) return "src";
    }
    return "dist";
  } catch {
    return "src";
  }
};

/** The child: appends until killed, acknowledging each append on stdout after it is durable. */
const runChild = async (dir: string, prefix: string, appenders: number, seed: number): Promise<void> => {
  const journal = (await import(
    values.module === "dist" ? "../dist/index.js" : "../src/index.js"
  )) as JournalModule;
  const opened = await journal.openJournal(dir, { create: true });
  if (E.isLeft(opened)) {
    process.stderr.write(`child: ${opened.left.message}\n`);
    process.exit(2);
  }
  const store = opened.right;
  process.stdout.write("ready\n");
  const next = random(seed);
  await Promise.all(
    Array.from({ length: appenders }, async (_, a) => {
      const streamId = `${prefix}-a${a}`;
      let revision: number | null = null;
      for (let n = 0; ; n++) {
        const size = 1 + Math.floor(next() * 20);
        const events = Array.from({ length: size }, (_, j) => {
          const eventId = `${prefix}-a${a}-n${n}-e${j}`;
          const payload = "x".repeat(Math.floor(next() * 2000));
          return {
            eventId,
            type: "HarnessEvent",
            version: 1,
            data: { payload, check: checksum(eventId, payload) },
            occurredAt: "2017-05-02T09:00:00.000Z",
            correlationId: null,
            causationId: null,
            actor: { id: "crash-harness", role: "system" },
          };
        });
        const appended = await store.append(streamId, events, revision ?? "no_stream");
        if (E.isLeft(appended)) throw new Error(appended.left.message);
        revision = appended.right.nextExpectedRevision;
        process.stdout.write(`ack ${events.map((e) => e.eventId).join(" ")}\n`);
      }
    }),
  );
};

interface ChildRun {
  readonly acked: readonly string[];
  readonly stderr: string;
}

/** Starts the child, kills it with SIGKILL after `killAfterMs` (counted from "ready" unless `early`). */
const runAndKill = (
  dir: string,
  prefix: string,
  seed: number,
  killAfterMs: number,
  early: boolean,
  module: "dist" | "src",
): Promise<ChildRun> =>
  new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const child: ChildProcess = spawn(
      process.execPath,
      [
        ...process.execArgv,
        script,
        "--child",
        dir,
        "--prefix",
        prefix,
        "--seed",
        String(seed),
        "--appenders",
        values.appenders,
        "--module",
        module,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill("SIGKILL");
    if (early) timer = setTimeout(kill, killAfterMs);
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (text: string) => {
      if (!early && timer === undefined && (stdout + text).includes("ready\n"))
        timer = setTimeout(kill, killAfterMs);
      stdout += text;
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      stderr += text;
    });
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      const complete = stdout.slice(0, stdout.lastIndexOf("\n") + 1);
      const acked = complete
        .split("\n")
        .filter((line) => line.startsWith("ack "))
        .flatMap((line) => line.slice(4).split(" "));
      resolve({ acked, stderr });
    });
  });

interface Check {
  readonly recovered: boolean;
  readonly lost: number;
  readonly corrupt: number;
  readonly bytesCut: number;
  readonly events: number;
  readonly problems: readonly string[];
}

/**
 * Reopens the journal as the next writer would (creating it if the child died before it did), then checks it
 * against everything acknowledged so far.
 */
const recoverAndCheck = async (dir: string, acked: ReadonlySet<string>): Promise<Check> => {
  const { openJournal, verifyJournal } = await loadJournal("src");
  const problems: string[] = [];
  const opened = await openJournal(dir, { create: true });
  if (E.isLeft(opened)) {
    return {
      recovered: false,
      lost: acked.size,
      corrupt: 0,
      bytesCut: 0,
      events: 0,
      problems: [opened.left.message],
    };
  }
  const store = opened.right;
  const seen = new Set<string>();
  let corrupt = 0;
  let events = 0;
  try {
    const revisions = new Map<string, number>();
    for await (const event of store.readAll()) {
      events++;
      const expected = revisions.get(event.streamId) ?? 0;
      revisions.set(event.streamId, event.revision + 1);
      if (!isIntact(event) || seen.has(event.eventId) || event.revision !== expected) {
        corrupt++;
        problems.push(
          `event ${event.eventId} at position ${event.position} is damaged, duplicated or out of order`,
        );
      }
      seen.add(event.eventId);
    }
  } finally {
    await store.close();
  }
  let lost = 0;
  for (const id of acked) {
    if (!seen.has(id)) {
      lost++;
      if (lost <= 5) problems.push(`acknowledged event ${id} is missing`);
    }
  }
  const verified = await verifyJournal(dir);
  if (E.isLeft(verified)) {
    corrupt++;
    problems.push(`verify: ${verified.left.message}`);
  }
  return { recovered: true, lost, corrupt, bytesCut: store.recovery.bytesCut, events, problems };
};

const runParent = async (): Promise<number> => {
  const iterations = Number(values.iterations);
  const perJournal = Number(values["iterations-per-journal"]);
  const deadline = Date.now() + Number(values["max-seconds"]) * 1000;
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  const next = random(seed);
  const root = await mkdtemp(join(tmpdir(), "insieme-crash-harness-"));
  let kills = 0;
  let recoveries = 0;
  let lost = 0;
  let corrupt = 0;
  let tailsCut = 0;
  let bytesCut = 0;
  let ackedTotal = 0;
  let dir = "";
  let acked = new Set<string>();
  const module = await childModule();
  console.log(
    `crash-harness: seed ${seed}, ${iterations} iterations, ${values.appenders} appenders, children load ${module}/, journals in ${root}`,
  );
  try {
    for (let i = 0; i < iterations; i++) {
      if (Date.now() > deadline) {
        console.log(`crash-harness: time budget of ${values["max-seconds"]} s used up after ${i} iterations`);
        break;
      }
      if (i % perJournal === 0) {
        dir = join(root, `journal-${i / perJournal}`);
        acked = new Set();
      }
      // One kill in ten lands early: during start-up, open or recovery rather than during appends.
      const early = next() < 0.1;
      const killAfterMs = early ? Math.floor(next() * 400) : Math.floor(next() * 250);
      const run = await runAndKill(dir, `i${i}`, Math.floor(next() * 2 ** 31), killAfterMs, early, module);
      kills++;
      for (const id of run.acked) acked.add(id);
      ackedTotal += run.acked.length;
      const check = await recoverAndCheck(dir, acked);
      if (check.recovered) recoveries++;
      if (check.bytesCut > 0) {
        tailsCut++;
        bytesCut += check.bytesCut;
      }
      lost += check.lost;
      corrupt += check.corrupt;
      for (const problem of check.problems) console.log(`  iteration ${i}: ${problem}`);
      if (!check.recovered && run.stderr !== "")
        console.log(`  iteration ${i}: child stderr: ${run.stderr.trim()}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  console.log(
    `crash-harness: ${ackedTotal} acknowledged events checked, ${tailsCut} torn tails cut (${bytesCut} bytes)`,
  );
  console.log(
    `crash-harness: ${kills} kills, ${recoveries} recoveries, ${lost} events lost, ${corrupt} corrupt`,
  );
  return lost === 0 && corrupt === 0 && recoveries === kills ? 0 : 1;
};

if (values.child !== undefined) {
  await runChild(values.child, values.prefix, Number(values.appenders), Number(values.seed ?? 1));
} else {
  process.exitCode = await runParent();
}
