import { randomUUID } from "node:crypto";

/** Time is injected: domain code never reads a clock, stores and hosts pass one in. */
export interface Clock {
  /** Current time as ISO-8601 UTC. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

/** A clock for tests and replays: starts at `start` and advances `stepMs` on every reading. */
export const steppingClock = (start: string, stepMs = 1): Clock => {
  let t = Date.parse(start);
  if (Number.isNaN(t)) throw new RangeError(`steppingClock: not a date: ${start}`);
  return {
    now: () => {
      const s = new Date(t).toISOString();
      t += stepMs;
      return s;
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
