/**
 * Days as integers yyyymmdd (20170503): ordered like dates, readable in checkpoints, and computed from an
 * ISO-8601 timestamp's characters without parsing or allocating (the projections' hot path).
 */
let lastIso = "";
let lastCode = 0;

export const dayCodeOf = (iso: string): number => {
  // Several projections read the same event's time one after the other: the same string object, compared by pointer.
  if (iso === lastIso) return lastCode;
  lastIso = iso;
  lastCode = computeDayCode(iso);
  return lastCode;
};

const computeDayCode = (iso: string): number =>
  (iso.charCodeAt(0) - 48) * 10_000_000 +
  (iso.charCodeAt(1) - 48) * 1_000_000 +
  (iso.charCodeAt(2) - 48) * 100_000 +
  (iso.charCodeAt(3) - 48) * 10_000 +
  (iso.charCodeAt(5) - 48) * 1000 +
  (iso.charCodeAt(6) - 48) * 100 +
  (iso.charCodeAt(8) - 48) * 10 +
  (iso.charCodeAt(9) - 48);

/** The month of a day code, yyyymm. */
export const monthOf = (dayCode: number): number => Math.floor(dayCode / 100);

export const dayCodeToIso = (dayCode: number): string => {
  const s = String(dayCode);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

/** An inclusive window of days; null bounds are open. */
export interface DayWindow {
  readonly from: number | null;
  readonly to: number | null;
}

export const inWindow = (window: DayWindow, day: number): boolean =>
  (window.from === null || day >= window.from) && (window.to === null || day <= window.to);

/** Counts per day: one array of slots per day code. JSON-serialisable (keys become strings in checkpoints). */
export type DayBuckets = Record<string, number[]>;

/** The slots of `day`, created on first use. */
export const bucket = (days: DayBuckets, day: number, width: number): number[] => {
  let slots = days[day];
  if (slots === undefined) {
    slots = new Array<number>(width).fill(0);
    days[day] = slots;
  }
  return slots;
};

/** Sums the slots of every day accepted by `accept`. */
export const sumDays = (days: DayBuckets, width: number, accept: (day: number) => boolean): number[] => {
  const total = new Array<number>(width).fill(0);
  for (const key of Object.keys(days)) {
    const day = Number(key);
    if (!accept(day)) continue;
    const slots = days[key] as number[];
    for (let i = 0; i < width; i++) total[i] = (total[i] as number) + (slots[i] ?? 0);
  }
  return total;
};
