import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  type CommandEnvelope,
  CommandHandler,
  type CommandHandlerOptions,
  CommandIndex,
  commandTag,
  InMemoryEventStore,
  type ReadStreamOptions,
  sequentialIds,
  steppingClock,
  tagOfEventId,
} from "../src/index.js";
import {
  type BudgetCommand,
  type BudgetEvent,
  type BudgetState,
  budgetDecider,
  budgetRegistry,
} from "./support/account.js";

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

/** A memory store that records the stream reads it serves and can hide its sole-writer flag. */
const observedStore = (soleWriter: boolean) => {
  const store = new InMemoryEventStore(steppingClock("2018-01-15T10:00:00.000Z"));
  const reads: { streamId: string; fromRevision: unknown }[] = [];
  const batches = store.readStreamBatches.bind(store);
  Object.assign(store, {
    readStreamBatches: (streamId: string, options?: ReadStreamOptions) => {
      reads.push({ streamId, fromRevision: options?.fromRevision ?? "start" });
      return batches(streamId, options);
    },
  });
  if (!soleWriter) Object.defineProperty(store, "soleWriter", { value: false });
  return { store, reads };
};

const budgetHandler = (
  store: InMemoryEventStore,
  extra: Partial<CommandHandlerOptions<BudgetCommand, BudgetState, BudgetEvent>> = {},
) =>
  new CommandHandler({
    store,
    registry: budgetRegistry,
    decider: budgetDecider,
    eventIds: sequentialIds(`evt-${++n}`),
    ...extra,
  });

const on = (streamId: string, command: BudgetCommand, commandId: string): CommandEnvelope<BudgetCommand> => ({
  ...envelope(command, commandId),
  streamId,
});

describe("one handler for a host's own streams", () => {
  it("decides from the cached state: after the first load, a command reads nothing from the store", async () => {
    const { store, reads } = observedStore(true);
    const handler = budgetHandler(store);
    await handler.handle(on("budget-a", { type: "OpenBudget", amountCents: 1000 }, "a-open"));
    const before = reads.length;
    for (let i = 0; i < 5; i++)
      await handler.handle(
        on("budget-a", { type: "Commit", commitmentId: `c${i}`, amountCents: 10 }, `a-${i}`),
      );
    expect(reads.length).toBe(before);
    const loaded = await handler.load("budget-a", false);
    expect(E.isRight(loaded) && loaded.right).toMatchObject({ revision: 5, state: { committedCents: 50 } });
  });

  it("on a write by another process, reads only the events it missed and decides again", async () => {
    const { store, reads } = observedStore(false);
    const here = budgetHandler(store);
    const elsewhere = budgetHandler(store);
    await here.handle(on("budget-b", { type: "OpenBudget", amountCents: 100 }, "b-open"));
    await here.handle(on("budget-b", { type: "Commit", commitmentId: "x", amountCents: 60 }, "b-x"));
    // Another process commits 30 more: the cache of `here` is now one event behind.
    await elsewhere.handle(on("budget-b", { type: "Commit", commitmentId: "y", amountCents: 30 }, "b-y"));
    reads.length = 0;
    const over = await here.handle(
      on("budget-b", { type: "Commit", commitmentId: "z", amountCents: 20 }, "b-z"),
    );
    expect(E.isLeft(over) && over.left._tag === "DomainError" && over.left.rule).toBe(
      "budget-over-commitment",
    );
    expect(reads).toEqual([{ streamId: "budget-b", fromRevision: 2 }]);
    const fits = await here.handle(
      on("budget-b", { type: "Commit", commitmentId: "w", amountCents: 10 }, "b-w"),
    );
    expect(E.isRight(fits) && fits.right.revision).toBe(3);
  });

  it("commands on one stream take turns: concurrent commands on a sole-writer store meet no conflict", async () => {
    const { store } = observedStore(true);
    const handler = budgetHandler(store, { maxRetries: 0 });
    await handler.handle(on("budget-c", { type: "OpenBudget", amountCents: 10_000 }, "c-open"));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        handler.handle(on("budget-c", { type: "Commit", commitmentId: `k${i}`, amountCents: 100 }, `c-${i}`)),
      ),
    );
    expect(results.every(E.isRight)).toBe(true);
    expect(
      results.map((r) => E.isRight(r) && r.right.revision).sort((a, b) => Number(a) - Number(b)),
    ).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("keeps no state when the cache is off, and still decides on the whole stream", async () => {
    const { store, reads } = observedStore(true);
    const handler = budgetHandler(store, { maxCachedStreams: 0 });
    await handler.handle(on("budget-d", { type: "OpenBudget", amountCents: 100 }, "d-open"));
    reads.length = 0;
    await handler.handle(on("budget-d", { type: "Commit", commitmentId: "x", amountCents: 100 }, "d-x"));
    expect(reads).toEqual([{ streamId: "budget-d", fromRevision: "start" }]);
    const again = await handler.handle(
      on("budget-d", { type: "Commit", commitmentId: "y", amountCents: 1 }, "d-y"),
    );
    expect(E.isLeft(again) && again.left._tag === "DomainError" && again.left.rule).toBe(
      "budget-over-commitment",
    );
  });

  it("a command id is unique across the store: the same id on another stream is refused command-id-reused", async () => {
    const { store } = observedStore(true);
    const commands = new CommandIndex(store);
    const budgets = budgetHandler(store, { commands });
    const others = budgetHandler(store, { commands });
    await budgets.handle(on("budget-e", { type: "OpenBudget", amountCents: 100 }, "shared-id"));
    const reused = await others.handle(on("budget-f", { type: "OpenBudget", amountCents: 100 }, "shared-id"));
    expect(E.isLeft(reused) && reused.left._tag === "DomainError" && reused.left.rule).toBe(
      "command-id-reused",
    );
    expect(E.isLeft(reused) && reused.left._tag === "DomainError" && reused.left.details).toEqual({
      commandId: "shared-id",
      firstStream: "budget-e",
    });
    expect(await store.headPosition()).toBe(0);
  });

  it("a retry from a new process (a new handler on the same store) is found in the store's command index", async () => {
    const { store } = observedStore(false);
    const first = await budgetHandler(store).handle(
      on("budget-g", { type: "OpenBudget", amountCents: 5 }, "g-1"),
    );
    const retry = await budgetHandler(store).handle(
      on("budget-g", { type: "OpenBudget", amountCents: 5 }, "g-1"),
    );
    expect(E.isRight(retry) && retry.right).toMatchObject({ duplicate: true, revision: 0 });
    expect(E.isRight(first) && E.isRight(retry) && retry.right.events).toEqual(
      E.isRight(first) && first.right.events,
    );
    expect(await store.headPosition()).toBe(0);
  });

  it("with a command key, the same id with other content on the same stream is refused, the same content is a duplicate", async () => {
    const { store } = observedStore(true);
    const commandKey = new Uint8Array(32).fill(7);
    const handler = budgetHandler(store, { commandKey });
    await handler.handle(on("budget-h", { type: "OpenBudget", amountCents: 100 }, "h-open"));
    await handler.handle(on("budget-h", { type: "Commit", commitmentId: "x", amountCents: 10 }, "h-x"));
    const same = await budgetHandler(store, { commandKey }).handle(
      on("budget-h", { type: "Commit", commitmentId: "x", amountCents: 10 }, "h-x"),
    );
    expect(E.isRight(same) && same.right.duplicate).toBe(true);
    const other = await budgetHandler(store, { commandKey }).handle(
      on("budget-h", { type: "Commit", commitmentId: "x", amountCents: 20 }, "h-x"),
    );
    expect(E.isLeft(other) && other.left._tag === "DomainError" && other.left.rule).toBe("command-id-reused");
    const events = [];
    for await (const e of store.readStream("budget-h")) events.push(e);
    expect(events.map((e) => tagOfEventId(e.eventId))).toEqual([
      commandTag(commandKey, "h-open", {
        streamId: "budget-h",
        command: { type: "OpenBudget", amountCents: 100 },
      }),
      commandTag(commandKey, "h-x", {
        streamId: "budget-h",
        command: { type: "Commit", commitmentId: "x", amountCents: 10 },
      }),
    ]);
  });

  it("refuses a command key shorter than 32 bytes", () => {
    const { store } = observedStore(true);
    expect(() => budgetHandler(store, { commandKey: new Uint8Array(16) })).toThrow(RangeError);
  });
});
