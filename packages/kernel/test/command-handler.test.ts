import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  type CommandEnvelope,
  CommandHandler,
  InMemoryEventStore,
  sequentialIds,
  steppingClock,
} from "../src/index.js";
import { type BudgetCommand, budgetDecider, budgetRegistry } from "./support/account.js";

const operator = { id: "op-1", role: "operator" };
let n = 0;
const envelope = (command: BudgetCommand, commandId = `cmd-${++n}`): CommandEnvelope<BudgetCommand> => ({
  commandId,
  streamId: "fund-2018",
  command,
  occurredAt: "2018-01-15T10:00:00.000Z",
  actor: operator,
});

const setup = () => {
  const store = new InMemoryEventStore(steppingClock("2018-01-15T10:00:00.000Z"));
  const handler = new CommandHandler({
    store,
    registry: budgetRegistry,
    decider: budgetDecider,
    eventIds: sequentialIds("evt"),
    maxRetries: 25,
  });
  return { store, handler };
};

describe("command handling", () => {
  it("loads, decides and appends with the envelope's time, actor, correlation and causation", async () => {
    const { store, handler } = setup();
    const outcome = await handler.handle(envelope({ type: "OpenBudget", amountCents: 1000 }, "open-1"));
    expect(E.isRight(outcome) && outcome.right.revision).toBe(0);
    const events = [];
    for await (const e of store.readStream("fund-2018")) events.push(e);
    const [event] = events;
    expect(event).toMatchObject({
      eventId: "evt-000001",
      type: "BudgetOpened",
      version: 1,
      occurredAt: "2018-01-15T10:00:00.000Z",
      causationId: "open-1",
      correlationId: "open-1",
      actor: operator,
    });
  });

  it("a repeated command id writes nothing new and returns the first outcome", async () => {
    const { store, handler } = setup();
    await handler.handle(envelope({ type: "OpenBudget", amountCents: 1000 }));
    const first = await handler.handle(
      envelope({ type: "Commit", commitmentId: "t1", amountCents: 100 }, "commit-1"),
    );
    const again = await handler.handle(
      envelope({ type: "Commit", commitmentId: "t1", amountCents: 100 }, "commit-1"),
    );
    expect(E.isRight(again) && again.right.duplicate).toBe(true);
    expect(E.isRight(first) && E.isRight(again) && again.right.positions).toEqual(
      E.isRight(first) && first.right.positions,
    );
    expect(await store.headPosition()).toBe(1);
  });

  it("a repeated refused command returns its first refusal", async () => {
    const { handler } = setup();
    const refused = await handler.handle(
      envelope({ type: "Commit", commitmentId: "t1", amountCents: 100 }, "early"),
    );
    await handler.handle(envelope({ type: "OpenBudget", amountCents: 1000 }));
    const again = await handler.handle(
      envelope({ type: "Commit", commitmentId: "t1", amountCents: 100 }, "early"),
    );
    expect(again).toEqual(refused);
    expect(E.isLeft(again) && again.left._tag === "DomainError" && again.left.rule).toBe("budget-not-open");
  });

  it("concurrent commands on one stream retry on conflicts and never over-commit", async () => {
    const { store, handler } = setup();
    await handler.handle(envelope({ type: "OpenBudget", amountCents: 1000 }));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handler.handle(envelope({ type: "Commit", commitmentId: `c${i}`, amountCents: 100 })),
      ),
    );
    expect(results.filter(E.isRight)).toHaveLength(10);
    const refusals = results.filter(E.isLeft).map((r) => r.left._tag === "DomainError" && r.left.rule);
    expect(refusals.every((rule) => rule === "budget-over-commitment")).toBe(true);
    const loaded = await handler.load("fund-2018");
    expect(E.isRight(loaded) && loaded.right.state.committedCents).toBe(1000);
    expect(await store.headPosition()).toBe(10);
  });

  it("gives up after the bounded number of retries with the conflict as a value", async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler({
      store,
      registry: budgetRegistry,
      decider: budgetDecider,
      eventIds: sequentialIds("e"),
      maxRetries: 2,
    });
    let appends = 0;
    Object.assign(store, {
      append: async () => {
        appends++;
        return E.left({
          _tag: "WrongExpectedRevision",
          streamId: "fund-2018",
          expected: "no_stream",
          actual: 7,
          message: "conflict",
        });
      },
    });
    const result = await handler.handle(envelope({ type: "OpenBudget", amountCents: 1 }));
    expect(E.isLeft(result) && result.left._tag).toBe("WrongExpectedRevision");
    expect(appends).toBe(3);
  });

  it("an event stored with an unknown type stops loading with a typed error", async () => {
    const { store, handler } = setup();
    await store.append(
      "fund-2018",
      [
        {
          eventId: "x",
          type: "Alien",
          version: 1,
          data: {},
          occurredAt: "2018-01-01T00:00:00.000Z",
          correlationId: null,
          causationId: null,
          actor: operator,
        },
      ],
      "no_stream",
    );
    const result = await handler.handle(envelope({ type: "OpenBudget", amountCents: 1 }));
    expect(E.isLeft(result) && result.left._tag).toBe("EventDecodeError");
  });
});
