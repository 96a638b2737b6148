import { openJournal } from "@insieme/journal";
import type { ScenarioCommand } from "@insieme/scenarios";
import * as E from "fp-ts/lib/Either.js";
import { latencySummary, peakRssMb, perSecond } from "../measure.js";
import { benchApp, candidateOf, programmeCommands } from "../programme.js";

/**
 * Durable commands on the journal with concurrent clients. Organisation commands (companies, fund, projects) run
 * first, untimed; then `clients` clients take candidates from a shared queue and send each candidate's commands in
 * order, as desk operators would. Every acknowledged command is on disk (fsync), grouped by the journal's commit.
 */
export const commandsJournal = async (args: {
  count: number;
  clients: number;
  seed: number;
  dir: string;
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
  const opened = await openJournal(args.dir, { create: true });
  if (E.isLeft(opened)) throw new Error(`bench: cannot create the journal: ${opened.left.message}`);
  const journal = opened.right;
  const app = benchApp(journal);
  for (const command of organisation) await app.execute(command);

  const queue = [...byCandidate.values()];
  let taken = 0;
  const latencies = new Float64Array(candidateCommands);
  let done = 0;
  let refused = 0;
  const before = journal.stats();
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
  const after = journal.stats();
  await journal.close();
  return {
    commands: done,
    refused,
    clients: args.clients,
    ms: Math.round(ms),
    commandsPerSec: perSecond(done, ms),
    ...latencySummary(latencies.subarray(0, done)),
    fsyncs: after.fsyncs - before.fsyncs,
    fsyncsPerCommand: Math.round(((after.fsyncs - before.fsyncs) / Math.max(1, done)) * 1000) / 1000,
    peakRssMb: peakRssMb(),
  };
};
