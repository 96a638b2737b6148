import cliProgress from "cli-progress";

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

/**
 * A progress bar on stderr, only when stderr is a terminal and the work is expected to take more than a second
 * (`total` at or above `threshold` items); otherwise nothing is drawn, so pipes and logs stay clean.
 */
export const startProgress = (label: string, total: number, threshold = 2000): Progress => {
  if (process.stderr.isTTY !== true || total < threshold) return silent;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
};
