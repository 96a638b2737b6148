/** Small measuring helpers shared by the benchmark tasks. */

export const peakRssMb = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

export const perSecond = (count: number, ms: number): number =>
  ms <= 0 ? 0 : Math.round(count / (ms / 1000));

/** The p-th percentile (0..100) of latencies in milliseconds, nearest-rank. */
export const percentile = (sortedMs: Float64Array, p: number): number => {
  if (sortedMs.length === 0) return 0;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return Math.round((sortedMs[rank] ?? 0) * 1000) / 1000;
};

export const latencySummary = (latencies: Float64Array) => {
  const sorted = latencies.slice().sort();
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: percentile(sorted, 100) };
};
