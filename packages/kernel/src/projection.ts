import type { RecordedEvent } from "./envelope.js";

/**
 * A read model: an initial state and a handler per event type. Handlers may mutate the state they are given
 * (the runner owns it) and return it. State must be JSON-serialisable so it can be checkpointed.
 */
export interface Projection<S> {
  readonly name: string;
  /** Bump when handlers change meaning: checkpoints saved under another version are rebuilt from zero. */
  readonly version: number;
  readonly initialState: () => S;
  readonly handlers: Readonly<Partial<Record<string, (state: S, event: RecordedEvent) => S>>>;
}

/** Applies one event to a projection's state (unknown types leave the state as it is). */
export const applyToProjection = <S>(projection: Projection<S>, state: S, event: RecordedEvent): S => {
  const handler = projection.handlers[event.type];
  return handler === undefined ? state : handler(state, event);
};
