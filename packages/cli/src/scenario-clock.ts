import type { ManualClock } from "@insieme/kernel";

/** The `occurredAt` of a command line, or null when the line has none (or is not JSON: the import reports it). */
const dateOf = (line: string): string | null => {
  try {
    const value = JSON.parse(line) as { occurredAt?: unknown } | null;
    return typeof value?.occurredAt === "string" && !Number.isNaN(Date.parse(value.occurredAt))
      ? new Date(value.occurredAt).toISOString()
      : null;
  } catch {
    return null;
  }
};

/**
 * A scenario's command lines replayed as a programme would have recorded them: with `reorder`, in the order of
 * their dates (a line without a date keeps its place after the line before it; lines of one date keep their
 * order; the lines are held in memory), else in their own order; `clock`, the store's recording clock, is moved
 * to each command's date before it is sent (never back: a command dated before one already sent is recorded
 * late, as a late entry would be). So the recording times follow the commands' dates, release instants cut the
 * history as they would have, and the clock's last reading is the scenario's "now" (its latest recorded
 * instant). For demos and scenarios, not for real data (whose recording time is the time it is recorded).
 */
export const alongTheirDates = async function* (
  lines: AsyncIterable<string> | Iterable<string>,
  clock: ManualClock,
  reorder: boolean,
): AsyncGenerator<string> {
  if (!reorder) {
    for await (const line of lines) {
      const date = dateOf(line);
      if (date !== null && date > clock.now()) clock.set(date);
      yield line;
    }
    return;
  }
  const dated: { line: string; date: string; index: number }[] = [];
  let previous = "";
  for await (const line of lines) {
    const date = dateOf(line) ?? previous;
    previous = date;
    dated.push({ line, date, index: dated.length });
  }
  dated.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));
  for (const { line, date } of dated) {
    if (date !== "" && date > clock.now()) clock.set(date);
    yield line;
  }
};
