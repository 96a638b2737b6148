import { domainRegistry } from "@insieme/domain";
import { connectPostgresEventStore, createPool } from "@insieme/postgres";
import type { ScenarioCommand } from "@insieme/scenarios";
import { replayStore } from "@insieme/statistics";
import { postgresDatabase, Worklists } from "@insieme/worklists";
import * as E from "fp-ts/lib/Either.js";
import { latencySummary, peakRssMb, perSecond } from "../measure.js";
import { benchApp, candidateOf, programmeCommands } from "../programme.js";

/**
 * The lag in time at each sample: how long ago the oldest event the lists had not applied reached the head (by
 * the first sample that saw it, so to within the 20 ms sampling interval); 0 when the lists were at the head.
 */
const lagInTime = (samples: readonly { t: number; head: number; at: number }[]): number[] => {
  const ordered = [...samples].sort((a, b) => a.t - b.t);
  const lags: number[] = [];
  let seen = 0;
  for (const sample of ordered) {
    if (sample.at >= sample.head) {
      lags.push(0);
      continue;
    }
    while (seen < ordered.length && (ordered[seen]?.head ?? -1) < sample.at + 1) seen++;
    lags.push(sample.t - (ordered[seen]?.t ?? sample.t));
  }
  return lags;
};

/**
 * Commands on the PostgreSQL store with `clients` concurrent clients (as commands-journal does on the journal),
 * while the work lists follow the log in the same database; the lag (head − work lists' checkpoint, in events)
 * is sampled every 20 ms. Then the whole log is replayed from PostgreSQL into the statistics.
 */
export const commandsPostgres = async (args: {
  url: string;
  schema: string;
  count: number;
  clients: number;
  seed: number;
}) => {
  const organisation: ScenarioCommand[] = [];
  const byCandidate = new Map<string, ScenarioCommand[]>();
  let candidateCommands = 0;
  for (const command of programmeCommands(args.seed, args.count * 2)) {
    const candidate = candidateOf(command);
    if (candidate === null) organisation.push(command);
    else if (candidateCommands < args.count) {
      const list = byCandidate.get(candidate) ?? [];
      list.push(command);
      byCandidate.set(candidate, list);
      candidateCommands++;
    } else if (!byCandidate.has(candidate)) break;
  }
  const connected = await connectPostgresEventStore({
    url: args.url,
    schema: args.schema,
    poolSize: Math.min(100, args.clients + 4),
    pollIntervalMs: 200,
  });
  if (E.isLeft(connected)) throw new Error(`bench: ${connected.left.message}`);
  const store = connected.right;
  const app = benchApp(store);
  for (const command of organisation) await app.execute(command);

  // The lists have a pool of their own, as in the case service (their transactions do not queue behind clients).
  const lists = await Worklists.open(
    await postgresDatabase(createPool(args.url, 4), `${args.schema}_lists`, { ownsPool: true }),
  );
  await lists.catchUp(store);
  const following = await lists.follow(store);
  const lags: number[] = [];
  const samples: { t: number; head: number; at: number }[] = [];
  const sampler = setInterval(() => {
    const t = performance.now();
    void Promise.all([store.headPosition(), lists.checkpoint()]).then(([head, at]) => {
      lags.push((head ?? -1) - (at ?? -1));
      samples.push({ t, head: head ?? -1, at: at ?? -1 });
    });
  }, 20);

  const queue = [...byCandidate.values()];
  let taken = 0;
  const latencies = new Float64Array(candidateCommands);
  let done = 0;
  let refused = 0;
  const client = async () => {
    for (let next = queue[taken++]; next !== undefined; next = queue[taken++]) {
      for (const command of next) {
        const started = performance.now();
        if (E.isLeft(await app.execute(command))) refused++;
        latencies[done++] = performance.now() - started;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: args.clients }, client));
  const ms = performance.now() - t0;
  const endHead = (await store.headPosition()) ?? -1;
  const c0 = performance.now();
  while (((await lists.checkpoint()) ?? -1) < endHead) await new Promise((r) => setTimeout(r, 5));
  const catchUpMs = performance.now() - c0;
  clearInterval(sampler);
  await following.stop();
  await lists.close();

  const r0 = performance.now();
  const replayed = await replayStore(store, {
    decode: (event) => domainRegistry.decodeRecorded(event),
    hashEvents: false,
  });
  const replayMs = performance.now() - r0;
  if (E.isLeft(replayed)) throw new Error(`bench: replay failed: ${replayed.left.message}`);
  await store.close();
  const sortedLags = [...lags].sort((a, b) => a - b);
  const sortedLagMs = lagInTime(samples).sort((a, b) => a - b);
  return {
    commands: done,
    refused,
    clients: args.clients,
    ms: Math.round(ms),
    commandsPerSec: perSecond(done, ms),
    ...latencySummary(latencies.subarray(0, done)),
    events: endHead + 1,
    worklistLagP50Events: sortedLags[Math.floor(sortedLags.length / 2)] ?? 0,
    worklistLagMaxEvents: sortedLags[sortedLags.length - 1] ?? 0,
    worklistLagP50Ms: Math.round(sortedLagMs[Math.floor(sortedLagMs.length / 2)] ?? 0),
    worklistLagP99Ms: Math.round(sortedLagMs[Math.floor(sortedLagMs.length * 0.99)] ?? 0),
    worklistLagMaxMs: Math.round(sortedLagMs[sortedLagMs.length - 1] ?? 0),
    worklistCatchUpAfterLoadMs: Math.round(catchUpMs),
    replayEvents: replayed.right.events,
    replayEventsPerSec: perSecond(replayed.right.events, replayMs),
    peakRssMb: peakRssMb(),
  };
};
