import type { Either } from "fp-ts/lib/Either.js";
import type { DomainEvent } from "./envelope.js";
import type { DomainError } from "./errors.js";

/**
 * The pure heart of a stream: what a command decides given the current state, and how an event changes it.
 * No clock, randomness or I/O: time and ids arrive inside the command.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  readonly initialState: State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => Either<DomainError, readonly Event[]>;
}

/** Folds events into a state, starting from the decider's initial state (or `from`). */
export const fold = <S, Ev extends DomainEvent>(
  decider: Pick<Decider<unknown, S, Ev>, "initialState" | "evolve">,
  events: Iterable<Ev>,
  from: S = decider.initialState,
): S => {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
