import { readFileSync } from "node:fs";
import type { CommandInputEnvelope } from "@insieme/domain";
import { type Clock, InMemoryEventStore, type RecordedEvent } from "@insieme/kernel";
import { Prng, type ScenarioCommand } from "@insieme/scenarios";
import { runCommands } from "./run-commands.js";

const DAY_MS = 86_400_000;

/**
 * A store clock the sender moves: each command is recorded at the instant set before it is sent (the store keeps
 * its recording times non-decreasing), so that `asOf` and release instants cut a history as a live programme
 * would have recorded it.
 */
const settableClock = (): Clock & { set(iso: string): void } => {
  let now = "1970-01-01T00:00:00.000Z";
  return {
    now: () => now,
    set: (iso) => {
      now = iso;
    },
  };
};

const later = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/**
 * The published scenario, sent in the order of its event dates, each command recorded 0 to `maxDelayDays` days
 * after its date (seeded): late recordings straddle the release instants.
 */
export const recordedPublishedScenario = async (maxDelayDays: number, seed = 7): Promise<RecordedEvent[]> => {
  const file = new URL("../../../../examples/published-scenario/commands.ndjson", import.meta.url);
  const commands = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line, i) => ({ command: JSON.parse(line) as CommandInputEnvelope & { occurredAt: string }, i }))
    .sort((a, b) => a.command.occurredAt.localeCompare(b.command.occurredAt) || a.i - b.i)
    .map((x) => x.command);
  const rng = new Prng(seed);
  const clock = settableClock();
  const store = new InMemoryEventStore(clock);
  const paced = function* () {
    for (const command of commands) {
      clock.set(later(command.occurredAt, rng.int(0, maxDelayDays * 24) * 3_600_000));
      yield command;
    }
  };
  return (await runCommands(paced(), store)).events;
};

/**
 * A synthetic programme recorded as it is generated: organisations before the first application, then each
 * candidate's whole path recorded from its application day plus a random delay (0 to `maxDelayDays` days), so
 * that some events are recorded after the release instant of their period.
 */
export const recordedSynthetic = async (
  commands: Iterable<ScenarioCommand>,
  maxDelayDays: number,
  seed: number,
): Promise<RecordedEvent[]> => {
  const rng = new Prng(seed);
  const clock = settableClock();
  const store = new InMemoryEventStore(clock);
  let anchor: string | null = null;
  const paced = function* () {
    for (const command of commands) {
      if (command.type === "SubmitApplication") anchor = command.occurredAt ?? anchor;
      const base = anchor ?? "2017-01-01T00:00:00.000Z";
      clock.set(later(base, rng.int(0, maxDelayDays) * DAY_MS + rng.int(0, DAY_MS - 1)));
      yield command;
    }
  };
  return (await runCommands(paced(), store)).events;
};
