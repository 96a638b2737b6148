import type { Decider, DomainEvent } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";

export interface DeciderThen<Ev extends DomainEvent> {
  /** The command is accepted and produces exactly these events. */
  thenEmits(expected: readonly Ev[]): void;
  /** The command is accepted and produces events of exactly these types, in this order. */
  thenEmitsTypes(types: readonly Ev["type"][]): void;
  /** The command is refused by the named rule. */
  thenRejects(rule: string): void;
}

/**
 * Given/when/then for deciders: `deciderSpec(decider).given([...past events]).when(command).thenEmits([...events])`.
 * It also checks that the produced events evolve the state without throwing.
 */
export const deciderSpec = <C, S, Ev extends DomainEvent>(decider: Decider<C, S, Ev>) => ({
  given: (events: readonly Ev[]) => ({
    when: (command: C): DeciderThen<Ev> => {
      const state = events.reduce(decider.evolve, decider.initialState);
      const result = decider.decide(command, state);
      return {
        thenEmits: (expected) => {
          if (E.isLeft(result)) {
            throw new Error(
              `expected events, but the command was refused by rule '${result.left.rule}': ${result.left.message}`,
            );
          }
          expect(result.right).toEqual(expected);
          result.right.reduce(decider.evolve, state);
        },
        thenEmitsTypes: (types) => {
          if (E.isLeft(result)) {
            throw new Error(
              `expected events, but the command was refused by rule '${result.left.rule}': ${result.left.message}`,
            );
          }
          expect(result.right.map((e) => e.type)).toEqual(types);
          result.right.reduce(decider.evolve, state);
        },
        thenRejects: (rule) => {
          if (E.isRight(result)) {
            throw new Error(
              `expected rule '${rule}' to refuse the command, but it produced ${JSON.stringify(result.right)}`,
            );
          }
          expect(result.left.rule).toBe(rule);
        },
      };
    },
  }),
});
