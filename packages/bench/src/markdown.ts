import { cpus, totalmem } from "node:os";
import type { CommandFigures, SizeRun } from "./figures.js";

export const fmt = (n: number): string => Math.round(n).toLocaleString("en");
export const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);

export const machine = (): string =>
  `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ` +
  `Node ${process.version}, ${process.platform}/${process.arch}`;

/** The replay table, one row per size, as text or Markdown. */
export const replayRows = (runs: readonly SizeRun[]): string[][] => [
  [
    "events",
    "replay memory ev/s",
    "replay journal ev/s",
    "baseline parse ev/s",
    "journal/baseline",
    "journal RSS MB",
    "memory RSS MB",
  ],
  ...runs.map((r) => [
    fmt(r.size),
    r.memory === null ? "—" : fmt(r.memory.eventsPerSec),
    fmt(r.journal.eventsPerSec),
    fmt(r.baseline.recordsPerSec),
    String(ratio(r.journal.eventsPerSec, r.baseline.recordsPerSec)),
    String(r.journal.peakRssMb),
    r.memory === null ? "—" : String(r.memory.peakRssMb),
  ]),
];

export const commandRows = (memory: CommandFigures, journal: CommandFigures): string[][] => [
  ["store", "clients", "commands", "commands/s", "p50 ms", "p99 ms", "fsyncs/command"],
  [
    "memory",
    "1",
    fmt(memory.commands),
    fmt(memory.commandsPerSec),
    String(memory.p50Ms),
    String(memory.p99Ms),
    "—",
  ],
  [
    "journal (durable)",
    String(journal.clients ?? 0),
    fmt(journal.commands),
    fmt(journal.commandsPerSec),
    String(journal.p50Ms),
    String(journal.p99Ms),
    String(journal.fsyncsPerCommand ?? "—"),
  ],
];

export const textTable = (rows: readonly string[][]): string => {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, c) => cell.padStart(widths[c] ?? 0)).join("  ")).join("\n");
};

export const markdownTable = (rows: readonly string[][]): string => {
  const [head = [], ...body] = rows;
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...body.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
};
