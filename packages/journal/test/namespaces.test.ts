import { NamespacedEventStore, type NewEvent } from "@insieme/kernel";
import { eventStoreContract } from "@insieme/testing";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { openJournal } from "../src/index.js";
import { freshJournal, removeTempDirs } from "./temp-journal.js";

afterAll(removeTempDirs);

const noise = (n: number, tag: string): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    eventId: `${tag}-${i}`,
    type: "Noise",
    version: 1,
    data: { i },
    occurredAt: "2017-01-01T00:00:00.000Z",
    correlationId: null,
    causationId: null,
    actor: { id: "x", role: "operator" },
  }));

/** A programme's view of a journal another programme writes too: the whole contract holds inside it. */
eventStoreContract("namespaced view of a shared journal", async () => {
  const shared = await freshJournal();
  await new NamespacedEventStore(shared, "other-programme").append("candidate-1", noise(1, "other"), "any");
  return new NamespacedEventStore(shared, "programme");
});

describe("one programme's reads in a shared journal", () => {
  it("read only that programme's records, after a reopen too", async () => {
    const shared = await freshJournal();
    const bologna = new NamespacedEventStore(shared, "bologna");
    const carpi = new NamespacedEventStore(shared, "carpi");
    expect(E.isRight(await bologna.append("candidate-1", noise(5, "b"), "no_stream"))).toBe(true);
    expect(E.isRight(await carpi.append("candidate-1", noise(2, "c"), "no_stream"))).toBe(true);
    expect(E.isRight(await shared.append("unscoped", noise(1, "u"), "no_stream"))).toBe(true);
    expect(E.isRight(await bologna.append("candidate-2", noise(1, "b2"), "no_stream"))).toBe(true);
    const path = shared.describe().location;
    await shared.close();
    const reopened = await openJournal(path, { readOnly: true });
    if (E.isLeft(reopened)) throw new Error(reopened.left.message);
    const read = async (store: NamespacedEventStore, after: number | null = null) => {
      const out: string[] = [];
      for await (const e of store.readAll({ after })) out.push(`${e.streamId}@${e.position}`);
      return out;
    };
    const c = new NamespacedEventStore(reopened.right, "carpi");
    const b = new NamespacedEventStore(reopened.right, "bologna");
    expect(await read(c)).toEqual(["candidate-1@5", "candidate-1@6"]);
    expect(await read(b, 4)).toEqual(["candidate-2@8"]);
    expect(await c.headPosition()).toBe(6);
    expect(await b.headPosition()).toBe(8);
    expect(await new NamespacedEventStore(reopened.right, "nobody").headPosition()).toBeNull();
    await reopened.right.close();
  });
});
