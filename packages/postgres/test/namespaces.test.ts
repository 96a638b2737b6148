import { NamespacedEventStore, type NewEvent } from "@insieme/kernel";
import { createTestDatabase, eventStoreContract, type TestDatabase } from "@insieme/testing";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgresEventStore, type PostgresEventStore } from "../src/index.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("namespaces");
});
afterAll(() => database.drop());

const connect = async (schema: string): Promise<PostgresEventStore> => {
  const store = await connectPostgresEventStore({ url: database.url, schema, poolSize: 20 });
  if (E.isLeft(store)) throw new Error(store.left.message);
  return store.right;
};

const noise = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    eventId: `noise-${i}`,
    type: "Noise",
    version: 1,
    data: { i },
    occurredAt: "2017-01-01T00:00:00.000Z",
    correlationId: null,
    causationId: null,
    actor: { id: "x", role: "operator" },
  }));

/** A programme's view of a PostgreSQL store another programme writes too: the whole contract holds inside it. */
eventStoreContract("namespaced view of a shared postgres store", async () => {
  const shared = await connect("shared");
  await new NamespacedEventStore(shared, "other-programme").append("candidate-1", noise(1), "any");
  return new NamespacedEventStore(shared, "programme");
});

describe("one programme's reads in a shared PostgreSQL store", () => {
  it("go through the namespace index, not a scan of the others' events", async () => {
    const shared = await connect("indexed");
    const big = new NamespacedEventStore(shared, "bologna");
    const small = new NamespacedEventStore(shared, "carpi");
    for (let i = 0; i < 6; i++)
      expect(E.isRight(await big.append(`candidate-${i}`, noise(500), "any"))).toBe(true);
    expect(E.isRight(await small.append("candidate-1", noise(3), "any"))).toBe(true);
    expect(E.isRight(await big.append("candidate-9", noise(2), "any"))).toBe(true);
    expect(E.isRight(await shared.append("unscoped", noise(1), "any"))).toBe(true);
    await shared.connectionPool.query("ANALYZE indexed.events");
    const plan = await shared.connectionPool.query(
      `EXPLAIN SELECT position FROM indexed.events
        WHERE NULLIF(split_part(stream_id, '/', 1), stream_id) = 'carpi' AND position > -1 ORDER BY position LIMIT 1000`,
    );
    const text = plan.rows.map((r) => String(r["QUERY PLAN"])).join("\n");
    expect(text).toContain("events_namespace");
    expect(text).not.toMatch(/Seq Scan/);
    const carpi: string[] = [];
    for await (const event of small.readAll()) carpi.push(`${event.streamId}:${event.revision}`);
    expect(carpi).toEqual(["candidate-1:0", "candidate-1:1", "candidate-1:2"]);
    expect(await small.headPosition()).toBe(3002);
    expect(await big.headPosition()).toBe(3004);
    expect(await shared.headPosition()).toBe(3005);
    expect(await new NamespacedEventStore(shared, "nobody").headPosition()).toBeNull();
    await shared.close();
  });
});
