import { InMemoryEventStore, steppingClock } from "@insieme/kernel";
import type { ScenarioCommand } from "@insieme/scenarios";
import * as E from "fp-ts/lib/Either.js";
import { latencySummary, peakRssMb, perSecond } from "../measure.js";
import { benchApp, programmeCommands } from "../programme.js";

/** Commands through the public API (validate, load, decide, append), one after another, on the in-memory store. */
export const commandsMemory = async (args: { count: number; seed: number }) => {
  const commands: ScenarioCommand[] = [];
  for (const command of programmeCommands(args.seed, args.count * 2)) {
    commands.push(command);
    if (commands.length >= args.count) break;
  }
  const app = benchApp(new InMemoryEventStore(steppingClock("2017-05-01T08:00:00.000Z", 1000)));
  const latencies = new Float64Array(commands.length);
  let refused = 0;
  const t0 = performance.now();
  for (let i = 0; i < commands.length; i++) {
    const started = performance.now();
    if (E.isLeft(await app.execute(commands[i]))) refused++;
    latencies[i] = performance.now() - started;
  }
  const ms = performance.now() - t0;
  return {
    commands: commands.length,
    refused,
    ms: Math.round(ms),
    commandsPerSec: perSecond(commands.length, ms),
    ...latencySummary(latencies),
    peakRssMb: peakRssMb(),
  };
};
