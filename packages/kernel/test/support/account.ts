import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { type Decider, defineEvent, domainError, type EventOf, EventRegistry } from "../../src/index.js";

/** A small decider used to exercise the kernel: a budget that can be committed and released, never over-committed. */
export const BudgetOpened = defineEvent(
  "BudgetOpened",
  z.object({ amountCents: z.number().int().positive() }),
);
export const AmountCommitted = defineEvent(
  "AmountCommitted",
  z.object({
    commitmentId: z.string().min(1),
    amountCents: z.number().int().positive(),
    purpose: z.enum(["tirocinio", "progetto"]),
  }),
  {
    version: 2,
    upcasters: [
      {
        from: 1,
        schema: z.object({ commitmentId: z.string().min(1), euros: z.number().int().positive() }),
        up: (data) => {
          const old = data as { commitmentId: string; euros: number };
          return { commitmentId: old.commitmentId, amountCents: old.euros * 100, purpose: "tirocinio" };
        },
      },
    ],
  },
);
export const AmountReleased = defineEvent("AmountReleased", z.object({ commitmentId: z.string().min(1) }));

export type BudgetEvent =
  | EventOf<typeof BudgetOpened>
  | EventOf<typeof AmountCommitted>
  | EventOf<typeof AmountReleased>;
export const budgetRegistry = EventRegistry.of([BudgetOpened, AmountCommitted, AmountReleased]);

export type BudgetCommand =
  | { readonly type: "OpenBudget"; readonly amountCents: number }
  | { readonly type: "Commit"; readonly commitmentId: string; readonly amountCents: number }
  | { readonly type: "Release"; readonly commitmentId: string };

export interface BudgetState {
  readonly open: boolean;
  readonly totalCents: number;
  readonly committed: Readonly<Record<string, number>>;
  readonly committedCents: number;
}

export const budgetDecider: Decider<BudgetCommand, BudgetState, BudgetEvent> = {
  initialState: { open: false, totalCents: 0, committed: {}, committedCents: 0 },
  evolve: (state, event) => {
    switch (event.type) {
      case "BudgetOpened":
        return { ...state, open: true, totalCents: event.data.amountCents };
      case "AmountCommitted":
        return {
          ...state,
          committed: { ...state.committed, [event.data.commitmentId]: event.data.amountCents },
          committedCents: state.committedCents + event.data.amountCents,
        };
      case "AmountReleased": {
        const { [event.data.commitmentId]: released = 0, ...rest } = state.committed;
        return { ...state, committed: rest, committedCents: state.committedCents - released };
      }
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case "OpenBudget":
        return state.open
          ? E.left(domainError("budget-already-open", "the budget is already open"))
          : E.right([BudgetOpened.create({ amountCents: command.amountCents })]);
      case "Commit":
        if (!state.open) return E.left(domainError("budget-not-open", "no budget to commit from"));
        if (state.committed[command.commitmentId] !== undefined) {
          return E.left(domainError("commitment-exists", `commitment ${command.commitmentId} exists`));
        }
        if (state.committedCents + command.amountCents > state.totalCents) {
          return E.left(domainError("budget-over-commitment", "the budget would be over-committed"));
        }
        return E.right([
          AmountCommitted.create({
            commitmentId: command.commitmentId,
            amountCents: command.amountCents,
            purpose: "tirocinio",
          }),
        ]);
      case "Release":
        return state.committed[command.commitmentId] === undefined
          ? E.left(domainError("unknown-commitment", `no commitment ${command.commitmentId}`))
          : E.right([AmountReleased.create({ commitmentId: command.commitmentId })]);
    }
  },
};
