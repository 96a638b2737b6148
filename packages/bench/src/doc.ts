import type { CommandFigures, SizeRun } from "./figures.js";
import { commandRows, fmt, markdownTable, replayRows } from "./markdown.js";

export interface DocInput {
  readonly command: string;
  readonly machine: string;
  readonly runs: readonly SizeRun[];
  readonly growths: readonly {
    from: SizeRun;
    to: SizeRun;
    ratios: { time: number; memoryTime: number | null; rss: number } | null;
  }[];
  readonly commandsMemory: CommandFigures;
  readonly commandsJournal: CommandFigures;
  readonly figures: Readonly<Record<string, number>>;
}

const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

/** docs/benchmarks.md: the last full run, the machine, the command, and each target against its figure. */
export const benchmarkDoc = (d: DocInput): string => {
  const f = d.figures;
  const targets: string[][] = [
    ["target", "figure", "verdict"],
    [
      "replay from memory ≥ 1,000,000 events/s",
      `${fmt(f.replayMemoryEventsPerSec ?? 0)} events/s`,
      verdict((f.replayMemoryEventsPerSec ?? 0) >= 1_000_000),
    ],
    [
      "replay from the journal ≥ 0.5 × raw read+parse",
      `${f.replayJournalToBaselineRatio ?? 0} ×`,
      verdict((f.replayJournalToBaselineRatio ?? 0) >= 0.5),
    ],
    [
      "commands on memory ≥ 50,000/s",
      `${fmt(f.commandsMemoryPerSec ?? 0)}/s`,
      verdict((f.commandsMemoryPerSec ?? 0) >= 50_000),
    ],
    [
      `durable commands on the journal ≥ 10,000/s, p99 < 10 ms (${f.journalClients} clients)`,
      `${fmt(f.commandsJournalPerSec ?? 0)}/s, p99 ${f.commandsJournalP99Ms} ms`,
      verdict((f.commandsJournalPerSec ?? 0) >= 10_000 && (f.commandsJournalP99Ms ?? 99) < 10),
    ],
    [
      "time linear: 10× events ≤ 11× time (100k → 1M, journal replay)",
      f.growthTimeRatio10x === undefined ? "not run" : `×${f.growthTimeRatio10x}`,
      f.growthTimeRatio10x === undefined ? "—" : verdict(f.growthTimeRatio10x <= 11),
    ],
    [
      "1M-event replay under 300 MB RSS (journal replay)",
      f.replay1MPeakRssMb === undefined ? "not run" : `${f.replay1MPeakRssMb} MB`,
      f.replay1MPeakRssMb === undefined ? "—" : verdict(f.replay1MPeakRssMb < 300),
    ],
  ];
  return `# Benchmarks

The last full run of \`pnpm bench\`, written by the benchmark itself. What the profiles of the missed targets
showed, and what was changed because of them, is in [performance.md](performance.md). On a shared machine the
same build gives figures up to ±20 % apart from run to run; ratios within one run (journal/baseline) are steadier.

- Command: \`${d.command}\`
- Machine: ${d.machine}
- Programme: the seeded synthetic programme of \`@insieme/statistics\` (companies, fund, projects, candidates'
  paths), sent as commands through the public API into the in-memory store, then moved into a journal with
  \`importHistory\`. Each figure is measured in a process of its own, so each peak RSS is that run's alone.

## Targets

${markdownTable(targets)}

## Replay into all 11 statistics projections

- *replay memory*: events already in memory (decoded), one pass into every projection.
- *replay journal*: from the journal file: 1 MiB reads, line split, JSON parse, hash-chain check of every record,
  zod validation and upcasting through the domain registry, then every projection.
- *baseline*: the same file read in 1 MiB chunks and \`JSON.parse\`d line by line, nothing else.

${markdownTable(replayRows(d.runs))}

Growth per 10× events:

${d.growths
  .filter((g) => g.ratios !== null)
  .map(
    (g) =>
      `- ${fmt(g.from.size)} → ${fmt(g.to.size)}: journal replay time ×${g.ratios?.time}, memory replay time ×${g.ratios?.memoryTime ?? "—"}, journal replay peak RSS ×${g.ratios?.rss}`,
  )
  .join("\n")}

## Commands through the public API

Validate (zod), authorise, load the stream, decide, append with the expected revision. On the journal every
acknowledged command is durable (fsync); concurrent commands share an fsync through group commit.

${markdownTable(commandRows(d.commandsMemory, d.commandsJournal))}

## Figures (as \`pnpm bench --json FILE\` writes them)

\`\`\`json
${JSON.stringify(f, null, 2)}
\`\`\`
`;
};
