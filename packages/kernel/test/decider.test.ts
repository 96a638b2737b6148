import { deciderSpec } from "@insieme/testing";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { fold } from "../src/index.js";
import {
  AmountCommitted,
  type BudgetCommand,
  type BudgetEvent,
  BudgetOpened,
  budgetDecider,
} from "./support/account.js";

const commandArbitrary: fc.Arbitrary<BudgetCommand> = fc.oneof(
  fc.record({ type: fc.constant("OpenBudget" as const), amountCents: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({
    type: fc.constant("Commit" as const),
    commitmentId: fc.constantFrom("a", "b", "c", "d"),
    amountCents: fc.integer({ min: 1, max: 5_000 }),
  }),
  fc.record({ type: fc.constant("Release" as const), commitmentId: fc.constantFrom("a", "b", "c", "d") }),
);

/** Runs commands one by one, keeping the accepted events. */
const run = (commands: readonly BudgetCommand[]) => {
  let state = budgetDecider.initialState;
  const events: BudgetEvent[] = [];
  const states = [state];
  for (const command of commands) {
    const decided = budgetDecider.decide(command, state);
    if (E.isRight(decided)) {
      for (const event of decided.right) {
        state = budgetDecider.evolve(state, event);
        events.push(event);
      }
    }
    states.push(state);
  }
  return { state, events, states };
};

describe("deciders", () => {
  it("given/when/then: a commitment within the budget is accepted", () => {
    deciderSpec(budgetDecider)
      .given([BudgetOpened.create({ amountCents: 1000 })])
      .when({ type: "Commit", commitmentId: "t1", amountCents: 600 })
      .thenEmits([AmountCommitted.create({ commitmentId: "t1", amountCents: 600, purpose: "tirocinio" })]);
  });

  it("given/when/then: over-commitment is refused by its rule", () => {
    deciderSpec(budgetDecider)
      .given([
        BudgetOpened.create({ amountCents: 1000 }),
        AmountCommitted.create({ commitmentId: "t1", amountCents: 600, purpose: "tirocinio" }),
      ])
      .when({ type: "Commit", commitmentId: "t2", amountCents: 401 })
      .thenRejects("budget-over-commitment");
  });

  it("property: folding a stream's events gives the state reached step by step", () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 40 }), (commands) => {
        const { state, events } = run(commands);
        expect(fold(budgetDecider, events)).toEqual(state);
      }),
    );
  });

  it("property: the invariant holds in every reachable state (never over-committed)", () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 40 }), (commands) => {
        for (const state of run(commands).states) {
          expect(state.committedCents).toBeLessThanOrEqual(state.totalCents);
          expect(Object.values(state.committed).reduce((a, b) => a + b, 0)).toBe(state.committedCents);
        }
      }),
    );
  });
});
