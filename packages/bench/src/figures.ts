/** What each task reports (see tasks/). */
export interface GenerateFigures {
  readonly events: number;
  readonly streams: number;
  readonly commands: number;
  readonly refused: number;
  readonly totalMs: number;
}
export interface ReplayFigures {
  readonly events: number;
  readonly ms: number;
  readonly eventsPerSec: number;
  readonly peakRssMb: number;
}
export interface BaselineFigures {
  readonly records: number;
  readonly ms: number;
  readonly recordsPerSec: number;
  readonly peakRssMb: number;
}
export interface CommandFigures {
  readonly commands: number;
  readonly refused: number;
  readonly ms: number;
  readonly commandsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly peakRssMb: number;
  readonly clients?: number;
  readonly fsyncs?: number;
  readonly fsyncsPerCommand?: number;
}

export interface SizeRun {
  readonly size: number;
  readonly generated: GenerateFigures;
  readonly baseline: BaselineFigures;
  readonly journal: ReplayFigures;
  readonly memory: ReplayFigures | null;
}

export interface CandidatePathFigures {
  readonly side: "insieme" | "emmett";
  readonly candidates: number;
  readonly commands: number;
  readonly commandsMs: number;
  readonly commandsPerSec: number;
  readonly replayEvents: number;
  readonly replayMs: number;
  readonly replayEventsPerSec: number;
  readonly peakRssMb: number;
}

/** The candidate-path comparison: each side's runs (alternating, each in a fresh process) and the medians. */
export interface ComparisonFigures {
  readonly candidates: number;
  readonly insieme: readonly CandidatePathFigures[];
  readonly emmett: readonly CandidatePathFigures[];
  readonly replayVsEmmett: number;
  readonly commandsVsEmmett: number;
}

export interface FsyncFigures {
  readonly count: number;
  readonly bytes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}
