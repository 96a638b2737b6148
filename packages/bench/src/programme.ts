import {
  createInsieme,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  type Insieme,
} from "@insieme/domain";
import { type EventStore, sequentialIds, steppingClock } from "@insieme/kernel";
import { type ScenarioCommand, syntheticProgramme } from "@insieme/scenarios";

/** Events one synthetic candidate produces on average (measured on the generator; used only to size runs). */
const EVENTS_PER_CANDIDATE = 6;

export const benchApp = (store: EventStore): Insieme =>
  createInsieme({
    store,
    clock: steppingClock("2017-05-01T08:00:00.000Z", 1000),
    ids: sequentialIds("ev"),
    personKey: new Uint8Array(32).fill(7),
    vault: new InMemoryPersonalDataVault(),
    configuration: ILLUSTRATIVE_CONFIGURATION,
  });

/** The seeded synthetic programme, sized so that it produces at least `events` events. */
export const programmeCommands = (seed: number, events: number): Generator<ScenarioCommand> =>
  syntheticProgramme({ seed, candidates: Math.max(50, Math.ceil(events / EVENTS_PER_CANDIDATE)) });

/** The candidate a command belongs to, or null for organisation commands (companies, projects, fund). */
export const candidateOf = (command: ScenarioCommand): string | null => {
  const data = command.data as { readonly candidateId?: unknown };
  return typeof data.candidateId === "string" ? data.candidateId : null;
};
