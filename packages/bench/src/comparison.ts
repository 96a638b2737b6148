import type { CandidatePathFigures, ComparisonFigures } from "./figures.js";
import { ratio } from "./markdown.js";
import { runTask } from "./run-task.js";

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * The candidate-path workload on Emmett's in-memory store and on Insieme's kernel, alternating (Emmett, Insieme,
 * Emmett, ...) in fresh processes so that both meet the same machine; the ratios are of the medians.
 */
export const compareWithEmmett = async (
  candidates: number,
  rounds: number,
  log: (line: string) => void,
): Promise<ComparisonFigures> => {
  const insieme: CandidatePathFigures[] = [];
  const emmett: CandidatePathFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const side of ["emmett", "insieme"] as const) {
      const figures = await runTask<CandidatePathFigures>("candidate-path", { side, candidates }, 4096, [
        "--expose-gc",
      ]);
      (side === "emmett" ? emmett : insieme).push(figures);
      log(
        `  ${side}: ${figures.commandsPerSec} commands/s, replay ${figures.replayEventsPerSec} ev/s (round ${round + 1})`,
      );
    }
  }
  const med = (runs: readonly CandidatePathFigures[], key: "commandsPerSec" | "replayEventsPerSec") =>
    median(runs.map((r) => r[key]));
  return {
    candidates,
    insieme,
    emmett,
    replayVsEmmett: ratio(med(insieme, "replayEventsPerSec"), med(emmett, "replayEventsPerSec")),
    commandsVsEmmett: ratio(med(insieme, "commandsPerSec"), med(emmett, "commandsPerSec")),
  };
};
