#!/usr/bin/env node
/**
 * `pnpm bench`: generates a seeded synthetic programme and measures replay (memory, journal, raw-parse baseline),
 * durable and in-memory command throughput and latency, peak memory, and growth from 10k to 1M events.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { compareWithEmmett } from "./comparison.js";
import { benchmarkDoc } from "./doc.js";
import type {
  BaselineFigures,
  CommandFigures,
  FsyncFigures,
  GenerateFigures,
  ReplayFigures,
  SizeRun,
} from "./figures.js";
import { commandRows, fmt, machine, ratio, replayRows, textTable } from "./markdown.js";
import { postgresBench } from "./postgres.js";
import { runTask } from "./run-task.js";

const Options = z.object({
  quick: z.boolean().default(false),
  with10m: z.boolean().default(false),
  json: z.string().min(1).optional(),
  doc: z.string().min(1).optional(),
  seed: z.coerce.number().int().nonnegative().default(1),
  clients: z.coerce.number().int().positive().default(64),
  commands: z.coerce.number().int().positive().optional(),
  candidates: z.coerce.number().int().positive().optional(),
  postgresOnly: z.boolean().default(false),
});

const program = new Command("bench")
  .description("Measure replay, commands, memory and growth of the Insieme engine")
  .option("--quick", "stop at 100k events (under a minute)")
  .option("--with-10m", "also run 10M events (replay from the journal only)")
  .option("--json <file>", "also write the figures as JSON")
  .option("--doc <file>", "write the Markdown results here (default docs/benchmarks.md for a full run)")
  .option("--seed <n>", "seed of the synthetic programme", "1")
  .option("--clients <n>", "concurrent clients on the journal", "64")
  .option("--commands <n>", "commands per throughput run (default 100000, quick 30000)")
  .option("--candidates <n>", "candidates of the comparison with Emmett (default 10000, quick 5000)")
  .option(
    "--postgres-only",
    "run only the PostgreSQL part (commands with 1 and --clients clients, lag, replay)",
  );
program.parse();
const parsed = Options.safeParse(program.opts());
if (!parsed.success) {
  console.error(`bench: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  process.exit(2);
}
const options = parsed.data;
const sizes = options.quick
  ? [10_000, 100_000]
  : [10_000, 100_000, 1_000_000, ...(options.with10m ? [10_000_000] : [])];
const commandCount = options.commands ?? (options.quick ? 30_000 : 100_000);
const candidates = options.candidates ?? (options.quick ? 5_000 : 10_000);
const comparisonRounds = options.quick ? 2 : 3;
const log = (line: string) => process.stderr.write(`${line}\n`);

const postgresCommands = options.quick ? Math.min(commandCount, 5_000) : Math.min(commandCount, 30_000);
const printPostgres = (postgres: Awaited<ReturnType<typeof postgresBench>>) => {
  console.log(
    `\nPostgreSQL store (${postgres.server} server), commands with the work lists following, then a replay`,
  );
  for (const run of postgres.runs)
    console.log(
      `  ${run.clients} client(s): ${fmt(run.commandsPerSec)} commands/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms; work lists lag p50 ${run.worklistLagP50Events} / max ${run.worklistLagMaxEvents} events, p50 ${run.worklistLagP50Ms} / p99 ${run.worklistLagP99Ms} / max ${run.worklistLagMaxMs} ms, caught up ${run.worklistCatchUpAfterLoadMs} ms after the load; replay ${fmt(run.replayEventsPerSec)} events/s`,
    );
};
if (options.postgresOnly) {
  const postgres = await postgresBench(postgresCommands, options.clients, options.seed, log);
  console.log(`\nInsieme benchmark, PostgreSQL part — ${machine()}`);
  printPostgres(postgres);
  console.log(`\nJSON: ${JSON.stringify(postgres.figures)}`);
  if (options.json !== undefined)
    await writeFile(options.json, `${JSON.stringify(postgres.figures, null, 2)}\n`);
  process.exit(0);
}

const work = await mkdtemp(join(tmpdir(), "insieme-bench-"));
const runs: SizeRun[] = [];
try {
  for (const size of sizes) {
    const dir = join(work, `journal-${size}`);
    log(`· ${fmt(size)} events: generating the programme and writing the journal`);
    const generated = await runTask<GenerateFigures>(
      "generate",
      { events: size, dir, seed: options.seed, realEvents: 1_000_000 },
      12_288,
    );
    log(
      `  ${fmt(generated.events)} events in ${fmt(generated.streams)} streams from ${fmt(generated.commands)} commands (${generated.totalMs} ms)`,
    );
    const baseline = await runTask<BaselineFigures>("baseline", { dir });
    const journal = await runTask<ReplayFigures>("replay-journal", { dir });
    const memory = size <= 1_000_000 ? await runTask<ReplayFigures>("replay-memory", { dir }, 12_288) : null;
    log(
      `  replay journal ${fmt(journal.eventsPerSec)} ev/s, baseline ${fmt(baseline.recordsPerSec)} ev/s, memory ${memory === null ? "—" : fmt(memory.eventsPerSec)} ev/s`,
    );
    runs.push({ size, generated, baseline, journal, memory });
    await rm(dir, { recursive: true, force: true });
  }
  log(`· ${fmt(commandCount)} commands on the in-memory store`);
  const commandsMemory = await runTask<CommandFigures>("commands-memory", {
    count: commandCount,
    seed: options.seed,
  });
  log(`· ${fmt(commandCount)} durable commands on the journal, ${options.clients} clients`);
  const commandsJournal = await runTask<CommandFigures>("commands-journal", {
    count: commandCount,
    clients: options.clients,
    seed: options.seed,
    dir: join(work, "journal-commands"),
  });
  log("· the disk's bare fdatasync (the floor of a durable append's latency)");
  const fsync = await runTask<FsyncFigures>("fsync", {
    dir: join(work, "fsync"),
    count: options.quick ? 500 : 2000,
    bytes: 16_384,
  });
  log(`  p50 ${fsync.p50Ms} ms, p99 ${fsync.p99Ms} ms`);
  log(
    `· candidate path against Emmett's in-memory store: ${fmt(candidates)} candidates × 5 commands, then a replay`,
  );
  const comparison = await compareWithEmmett(candidates, comparisonRounds, log);
  const postgres = await postgresBench(postgresCommands, options.clients, options.seed, log);

  const bySize = (n: number) => runs.find((r) => r.size === n);
  const run100k = bySize(100_000);
  const run1m = bySize(1_000_000);
  const largest = runs[runs.length - 1] as SizeRun;
  const growth = (a: SizeRun | undefined, b: SizeRun | undefined) =>
    a === undefined || b === undefined
      ? null
      : {
          time: ratio(b.journal.ms, a.journal.ms),
          memoryTime: a.memory === null || b.memory === null ? null : ratio(b.memory.ms, a.memory.ms),
          rss: ratio(b.journal.peakRssMb, a.journal.peakRssMb),
        };
  const growths = runs
    .slice(1)
    .map((r, i) => ({ from: runs[i] as SizeRun, to: r, ratios: growth(runs[i], r) }));

  const figures: Record<string, number> = {
    replayMemoryEventsPerSec: (run1m ?? largest).memory?.eventsPerSec ?? 0,
    replayJournalEventsPerSec: (run1m ?? largest).journal.eventsPerSec,
    baselineParseEventsPerSec: (run1m ?? largest).baseline.recordsPerSec,
    replayJournalToBaselineRatio: ratio(
      (run1m ?? largest).journal.eventsPerSec,
      (run1m ?? largest).baseline.recordsPerSec,
    ),
    commandsMemoryPerSec: commandsMemory.commandsPerSec,
    commandsMemoryP50Ms: commandsMemory.p50Ms,
    commandsMemoryP99Ms: commandsMemory.p99Ms,
    commandsJournalPerSec: commandsJournal.commandsPerSec,
    commandsJournalP50Ms: commandsJournal.p50Ms,
    commandsJournalP99Ms: commandsJournal.p99Ms,
    commandsJournalFsyncsPerCommand: commandsJournal.fsyncsPerCommand ?? 0,
    journalClients: options.clients,
    fsyncP50Ms: fsync.p50Ms,
    fsyncP99Ms: fsync.p99Ms,
    durableP99ToFsyncP99Ratio: ratio(commandsJournal.p99Ms, fsync.p99Ms),
    replayVsEmmett: comparison.replayVsEmmett,
    commandsVsEmmett: comparison.commandsVsEmmett,
    comparisonCandidates: comparison.candidates,
    replayEventsMeasured: (run1m ?? largest).size,
    ...postgres.figures,
  };
  if (run1m !== undefined) {
    figures.replay1MPeakRssMb = run1m.journal.peakRssMb;
    if (run1m.memory !== null) figures.replayMemory1MPeakRssMb = run1m.memory.peakRssMb;
  }
  const g = growth(run100k, run1m);
  if (g !== null) {
    figures.growthTimeRatio10x = g.time;
    figures.growthRssRatio10x = g.rss;
    if (g.memoryTime !== null) figures.growthMemoryReplayTimeRatio10x = g.memoryTime;
  }

  console.log(`\nInsieme benchmark — ${machine()}\n`);
  console.log("Replay into all 11 statistics projections");
  console.log(textTable(replayRows(runs)));
  console.log("\nGrowth per 10× events (journal replay time, memory-replay time, journal replay peak RSS)");
  for (const { from, to, ratios } of growths) {
    if (ratios !== null) {
      console.log(
        `  ${fmt(from.size)} → ${fmt(to.size)}: time ×${ratios.time}, memory replay ×${ratios.memoryTime ?? "—"}, RSS ×${ratios.rss}`,
      );
    }
  }
  console.log("\nCommands through the public API (validate, load, decide, append)");
  console.log(textTable(commandRows(commandsMemory, commandsJournal)));
  console.log(
    `  disk's bare fdatasync (${fsync.bytes} B writes): p50 ${fsync.p50Ms} ms, p99 ${fsync.p99Ms} ms`,
  );
  console.log(
    `\nCandidate path against Emmett (${fmt(candidates)} candidates × 5 commands, then a replay of every stream; medians of ${comparisonRounds} alternating runs)`,
  );
  console.log(
    `  replay ×${comparison.replayVsEmmett} Emmett's, commands ×${comparison.commandsVsEmmett} Emmett's`,
  );
  printPostgres(postgres);
  console.log(`\nJSON: ${JSON.stringify(figures)}`);

  if (options.json !== undefined) await writeFile(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  const docPath = options.doc ?? (options.quick ? undefined : "docs/benchmarks.md");
  if (docPath !== undefined) {
    const command = `pnpm bench${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
    await writeFile(
      docPath,
      benchmarkDoc({
        command,
        machine: machine(),
        runs,
        growths,
        commandsMemory,
        commandsJournal,
        fsync,
        comparison,
        figures,
      }),
    );
    log(`wrote ${docPath}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
