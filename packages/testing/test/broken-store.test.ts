import {
  type AppendResult,
  type EventStore,
  InMemoryEventStore,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
} from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { ContractViolation, contractCases, runContractCase } from "../src/index.js";

/** A working store with one rule broken, to prove the contract suite notices. `original` is the unbroken store. */
const broken =
  (patch: (original: InMemoryEventStore) => Partial<EventStore>) => async (): Promise<EventStore> => {
    const original = new InMemoryEventStore();
    const store = new InMemoryEventStore();
    Object.assign(store, patch(original));
    for (const key of [
      "readStream",
      "readAll",
      "subscribe",
      "streamState",
      "headPosition",
      "importHistory",
      "deleteStream",
      "getStreamMetadata",
      "setStreamMetadata",
    ] as const) {
      if (!Object.hasOwn(store, key))
        Object.assign(store, { [key]: (original[key] as (...args: unknown[]) => unknown).bind(original) });
    }
    if (!Object.hasOwn(store, "append")) Object.assign(store, { append: original.append.bind(original) });
    return store;
  };

const ignoresExpectedRevision = broken((store) => ({
  append: (stream: string, events: readonly NewEvent[]): Promise<Either<never, AppendResult>> =>
    store.append(stream, events, "any") as Promise<Either<never, AppendResult>>,
}));

const losesLastEventOfReadAll = broken((store) => ({
  readAll: (options?: ReadAllOptions) =>
    (async function* () {
      const all: RecordedEvent[] = [];
      for await (const e of store.readAll(options)) all.push(e);
      yield* all.slice(0, -1);
    })(),
}));

const readsBackwardsWrongly = broken((store) => ({
  readStream: (stream: string) => store.readStream(stream, { direction: "forwards" }),
}));

const lostConcurrentWrites = broken((store) => ({
  append: async (stream: string, events: readonly NewEvent[], expected) => {
    const before = await store.streamState(stream);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const result = await store.append(stream, events, "any");
    return E.isRight(result) &&
      expected !== "any" &&
      typeof expected === "number" &&
      before.revision !== expected
      ? E.right(result.right)
      : result;
  },
}));

const failures = async (makeStore: () => Promise<EventStore>): Promise<string[]> => {
  const failed: string[] = [];
  for (const c of contractCases.filter((x) => x.group !== "large streams")) {
    try {
      await runContractCase(c, makeStore, { propertyRuns: 5, shrinkFailures: false });
    } catch (error) {
      if (!(error instanceof ContractViolation) && !(error instanceof Error)) throw error;
      failed.push(c.name);
    }
  }
  return failed;
};

describe("the contract suite catches broken stores", () => {
  it("passes a working store", async () => {
    expect(await failures(async () => new InMemoryEventStore())).toEqual([]);
  });

  it("fails a store that ignores the expected revision", async () => {
    const failed = await failures(ignoresExpectedRevision);
    expect(failed).toContain("no_stream on an existing stream is a conflict carrying the actual revision");
    expect(failed).toContain("many appenders racing for the same revision: exactly one wins");
  });

  it("fails a store whose global log loses an event", async () => {
    const failed = await failures(losesLastEventOfReadAll);
    expect(failed).toContain("every event once, in the order of the appends, positions strictly increasing");
  });

  it("fails a store that reads backwards as forwards", async () => {
    expect(await failures(readsBackwardsWrongly)).toContain(
      "forwards and backwards, from a revision, with a maximum count",
    );
  });

  it("fails a store whose appends race past the revision check", async () => {
    expect(await failures(lostConcurrentWrites)).toContain(
      "many appenders racing for the same revision: exactly one wins",
    );
  });
});
