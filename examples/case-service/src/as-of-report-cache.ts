import type { Report } from "@insieme/statistics";

/**
 * As-of reports kept by their query (instant, period, disclosure), so that a release instant asked for by many
 * readers is replayed once. Only instants already past are kept: what was recorded up to them cannot change.
 * Bounded: the least recently used report is dropped first.
 */
export class AsOfReportCache {
  private readonly reports = new Map<string, Promise<Report>>();

  constructor(private readonly capacity: number) {}

  /** The cached report for `key`, else `build`'s (kept unless it fails). */
  get(key: string, build: () => Promise<Report>): Promise<Report> {
    const cached = this.reports.get(key);
    if (cached !== undefined) {
      this.reports.delete(key);
      this.reports.set(key, cached);
      return cached;
    }
    const report = build();
    this.reports.set(key, report);
    report.catch(() => this.reports.delete(key));
    while (this.reports.size > this.capacity) {
      const oldest = this.reports.keys().next().value;
      if (oldest === undefined) break;
      this.reports.delete(oldest);
    }
    return report;
  }

  get size(): number {
    return this.reports.size;
  }
}
