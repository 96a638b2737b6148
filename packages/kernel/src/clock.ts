import { randomUUID } from "node:crypto";

/** Time is injected: domain code never reads a clock, stores and hosts pass one in. */
export interface Clock {
  /** Current time as ISO-8601 UTC. */
  now(): string;
}

const MINUTE_MS = 60_000;
let cachedMinute = Number.NaN;
let cachedPrefix = "";

/**
 * `new Date(ms).toISOString()`, formatting only seconds and milliseconds when the minute is the one of the
 * previous call (stores stamp every append; a full `toISOString` costs over 1 us).
 */
export const isoFromMillis = (time: number): string => {
  const ms = Math.trunc(time);
  const minute = ms - (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  if (minute !== cachedMinute) {
    const iso = new Date(ms).toISOString();
    if (iso.length !== 24) return iso;
    cachedMinute = minute;
    cachedPrefix = iso.slice(0, 17);
  }
  const rest = ms - minute;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedPrefix}${seconds < 10 ? "0" : ""}${seconds}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
};

export const systemClock: Clock = { now: () => isoFromMillis(Date.now()) };

/** A clock for tests and replays: starts at `start` and advances `stepMs` on every reading. */
export const steppingClock = (start: string, stepMs = 1): Clock => {
  let t = Date.parse(start);
  if (Number.isNaN(t)) throw new RangeError(`steppingClock: not a date: ${start}`);
  return {
    now: () => {
      const s = isoFromMillis(t);
      t += stepMs;
      return s;
    },
  };
};

/** A clock its owner moves: a replayed history's dates, a test's "now". Stores keep `recordedAt` non-decreasing. */
export interface ManualClock extends Clock {
  /** From now on `now()` answers `iso` (ISO-8601). */
  set(iso: string): void;
}

/** A clock that reads `start` until it is `set` to another instant. */
export const manualClock = (start: string): ManualClock => {
  if (Number.isNaN(Date.parse(start))) throw new RangeError(`manualClock: not a date: ${start}`);
  let now = new Date(start).toISOString();
  return {
    now: () => now,
    set: (iso) => {
      const t = Date.parse(iso);
      if (Number.isNaN(t)) throw new RangeError(`manualClock: not a date: ${iso}`);
      now = isoFromMillis(t);
    },
  };
};

/** Ids are injected too. */
export interface IdGenerator {
  next(): string;
}

export const uuidGenerator: IdGenerator = { next: () => randomUUID() };

/** Deterministic ids (`prefix-000001`, ...) for tests and reproducible scenarios. */
export const sequentialIds = (prefix: string): IdGenerator => {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, "0")}` };
};
