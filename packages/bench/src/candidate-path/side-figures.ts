/** What one side of the candidate-path comparison measured in one process. */
export interface SideFigures {
  readonly candidates: number;
  /** Commands refused (zero on a correct run: every path is valid). */
  readonly refused: number;
  /** Streams whose replayed state is "placed" (all of them on a correct run). */
  readonly placed: number;
  /** Events read back by the replay. */
  readonly events: number;
  readonly commandsMs: number;
  readonly replayMs: number;
}

/**
 * Collects the garbage of the command phase before the replay is timed, on both sides alike, so that the replay
 * figure is the replay's own (the worker runs with `--expose-gc`; without it this does nothing).
 */
export const settleHeap = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};
