/**
 * Journal benchmark: durable appends and commands under 64 concurrent clients (throughput, fsyncs per append,
 * latency percentiles), the open-time index build, and a full replay (readAll, hash checks included) against a
 * plain read-and-JSON.parse of the same file.
 *
 *   pnpm tsx packages/journal/scripts/bench-journal.ts [--clients 64] [--appends 50000] [--events 100000]
 */
import { mkdtemp, open as openFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  CommandHandler,
  type Decider,
  defineEvent,
  domainError,
  EventRegistry,
  type NewEvent,
  sequentialIds,
} from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { JOURNAL_FILE, type JournalEventStore, openJournal } from "../src/index.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "64" },
    appends: { type: "string", default: "50000" },
    events: { type: "string", default: "100000" },
  },
});
const clients = Number(values.clients);
const totalAppends = Number(values.appends);
const replayEvents = Number(values.events);

const open = async (dir: string): Promise<JournalEventStore> => {
  const opened = await openJournal(dir, { create: true });
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return opened.right;
};

const sampleEvent = (n: number): NewEvent => ({
  eventId: `evt-${String(n).padStart(10, "0")}`,
  type: "CandidaturaRicevuta",
  version: 1,
  data: {
    candidateId: `cand-${n}`,
    channel: n % 3 === 0 ? "sportello" : "online",
    referrer: "caritas",
    profile: {
      ageBand: "25-34",
      gender: n % 2 === 0 ? "F" : "M",
      education: "diploma",
      municipality: "037006",
    },
    unemployedMonths: n % 48,
    note: "domanda ricevuta e protocollata",
  },
  occurredAt: "2017-06-01T09:00:00.000Z",
  correlationId: `cmd-${n}`,
  causationId: `cmd-${n}`,
  actor: { id: "operatore-7", role: "operatore" },
});

const percentile = (sorted: Float64Array, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { maximumFractionDigits: digits });

interface LoadResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly fsyncsPerOp: number;
  /** CPU time of this process per operation: what the machine must give for the rate to hold. */
  readonly cpuMicrosPerOp: number;
}

/** Runs `total` operations from `clients` concurrent loops and measures each one's latency. */
const load = async (
  store: JournalEventStore,
  total: number,
  op: (client: number, n: number) => Promise<void>,
): Promise<LoadResult> => {
  const latencies = new Float64Array(total);
  let issued = 0;
  const before = store.stats().fsyncs;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (;;) {
        const n = issued++;
        if (n >= total) return;
        const t0 = performance.now();
        await op(client, n);
        latencies[n] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort();
  return {
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    fsyncsPerOp: (store.stats().fsyncs - before) / total,
    cpuMicrosPerOp: (cpu.user + cpu.system) / total,
  };
};

const benchAppends = async (dir: string): Promise<LoadResult> => {
  const store = await open(dir);
  const revisions = new Map<number, number>();
  const result = await load(store, totalAppends, async (client, n) => {
    const revision = revisions.get(client);
    const appended = await store.append(`bench-${client}`, [sampleEvent(n)], revision ?? "no_stream");
    if (E.isLeft(appended)) throw new Error(appended.left.message);
    revisions.set(client, appended.right.nextExpectedRevision);
  });
  await store.close();
  return result;
};

/** A counter per stream: each command reads its stream, decides, appends with the expected revision. */
const counted = defineEvent("Counted", z.object({ by: z.number().int() }));
const registry = EventRegistry.of([counted]);
type CountEvent = typeof registry extends EventRegistry<infer Ev> ? Ev : never;
const counter: Decider<{ readonly by: number }, number, CountEvent> = {
  initialState: 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command, state) =>
    state + command.by > 1_000_000
      ? E.left(domainError("counter.limit", "too high"))
      : E.right([{ type: "Counted", data: { by: command.by } }]),
};

const benchCommands = async (dir: string): Promise<LoadResult> => {
  const store = await open(dir);
  const handler = new CommandHandler({
    store,
    registry,
    decider: counter,
    eventIds: sequentialIds("cmd-evt"),
  });
  const streams = 10_000;
  const result = await load(store, totalAppends, async (_client, n) => {
    const outcome = await handler.handle({
      commandId: `cmd-${n}`,
      streamId: `counter-${n % streams}`,
      command: { by: 1 },
      occurredAt: "2017-06-01T09:00:00.000Z",
      actor: { id: "bench", role: "system" },
    });
    if (E.isLeft(outcome)) throw new Error(outcome.left.message);
  });
  await store.close();
  return result;
};

const writeHistory = async (dir: string): Promise<void> => {
  const store = await open(dir);
  const batch = 1000;
  for (let n = 0; n < replayEvents; n += batch) {
    const events = Array.from({ length: Math.min(batch, replayEvents - n) }, (_, i) => sampleEvent(n + i));
    const appended = await store.append(`history-${n % 5000}`, events, "any");
    if (E.isLeft(appended)) throw new Error(appended.left.message);
  }
  await store.close();
};

/** The baseline: the same 1 MiB sequential reads, lines split on `\n`, one JSON.parse per line, nothing else. */
const rawReadAndParse = async (file: string): Promise<number> => {
  const handle = await openFile(file, "r");
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let carried = 0;
  let offset = 0;
  let lines = 0;
  let sink = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buf, carried, buf.length - carried, offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
    const filled = carried + bytesRead;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0 && nl < filled; nl = buf.indexOf(10, start)) {
      const value = JSON.parse(buf.toString("utf8", start, nl)) as { position?: number };
      sink += value.position ?? 0;
      lines++;
      start = nl + 1;
    }
    carried = filled - start;
    buf.copy(buf, 0, start, filled);
  }
  await handle.close();
  if (sink < 0) throw new Error("unreachable");
  return lines - 1;
};

const best = async (
  runs: number,
  body: () => Promise<number>,
): Promise<{ seconds: number; count: number }> => {
  let seconds = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    count = await body();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, count };
};

const benchReplay = async (dir: string) => {
  await writeHistory(dir);
  const openTime = await best(3, async () => {
    const store = await open(dir);
    const head = await store.headPosition();
    await store.close();
    return (head ?? -1) + 1;
  });
  const store = await open(dir);
  const replay = await best(5, async () => {
    let n = 0;
    for await (const _ of store.readAll()) n++;
    return n;
  });
  await store.close();
  const raw = await best(5, () => rawReadAndParse(join(dir, JOURNAL_FILE)));
  return { openTime, replay, raw };
};

/** The disk's own latency for a 40 KB write + fdatasync: the floor under every durable append. */
const fsyncLatency = async (file: string): Promise<{ p50: number; p99: number }> => {
  const handle = await openFile(file, "w");
  const data = Buffer.alloc(40_000, 0x61);
  const latencies = new Float64Array(200);
  for (let i = 0; i < latencies.length; i++) {
    const t0 = performance.now();
    await handle.write(data, 0, data.length, i * data.length);
    await handle.datasync();
    latencies[i] = performance.now() - t0;
  }
  await handle.close();
  latencies.sort();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
};

const main = async () => {
  const root = await mkdtemp(join(tmpdir(), "insieme-journal-bench-"));
  try {
    console.log(
      `journal benchmark: ${clients} concurrent clients, ${fmt(totalAppends)} operations, replay of ${fmt(replayEvents)} events`,
    );
    const disk = await fsyncLatency(join(root, "fsync-probe"));
    console.log(`disk: write 40 KB + fdatasync p50 ${fmt(disk.p50, 2)} ms, p99 ${fmt(disk.p99, 2)} ms`);
    const appends = await benchAppends(join(root, "appends"));
    console.log(
      `durable appends:  ${fmt(appends.perSecond)} appends/s, ${fmt(appends.fsyncsPerOp, 4)} fsyncs/append, ` +
        `p50 ${fmt(appends.p50, 2)} ms, p99 ${fmt(appends.p99, 2)} ms, ${fmt(appends.cpuMicrosPerOp)} µs CPU/append`,
    );
    const commands = await benchCommands(join(root, "commands"));
    console.log(
      `durable commands: ${fmt(commands.perSecond)} commands/s, ${fmt(commands.fsyncsPerOp, 4)} fsyncs/command, ` +
        `p50 ${fmt(commands.p50, 2)} ms, p99 ${fmt(commands.p99, 2)} ms, ${fmt(commands.cpuMicrosPerOp)} µs CPU/command (read stream + decide + append, 10,000 streams)`,
    );
    const { openTime, replay, raw } = await benchReplay(join(root, "replay"));
    console.log(
      `open (index build, chain check): ${fmt(openTime.count / openTime.seconds)} events/s (${fmt(openTime.seconds * 1000)} ms)`,
    );
    const replayRate = replay.count / replay.seconds;
    const rawRate = raw.count / raw.seconds;
    console.log(`readAll replay with hash checks: ${fmt(replayRate)} events/s (${fmt(replay.count)} events)`);
    console.log(`raw read + JSON.parse baseline:  ${fmt(rawRate)} events/s (${fmt(raw.count)} lines)`);
    console.log(`replay / baseline: ${fmt(replayRate / rawRate, 2)}x`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
};

await main();
