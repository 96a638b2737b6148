import type { Checkpoint } from "@insieme/kernel";
import { createTestDatabase, type TestDatabase } from "@insieme/testing";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgresEventStore, PostgresCheckpointStore, redactPostgresUrl } from "../src/index.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("connection");
});
afterAll(() => database.drop());

describe("connecting", () => {
  it("refuses a bad URL, schema or size, naming the field, before touching a server", async () => {
    const badUrl = await connectPostgresEventStore({ url: "mysql://h/db" });
    expect(E.isLeft(badUrl) && badUrl.left).toMatchObject({ _tag: "InvalidPostgresConfig", field: "url" });
    const badSchema = await connectPostgresEventStore({ url: database.url, schema: 'x"; DROP TABLE y; --' });
    expect(E.isLeft(badSchema) && badSchema.left).toMatchObject({
      _tag: "InvalidPostgresConfig",
      field: "schema",
    });
    const badSize = await connectPostgresEventStore({ url: database.url, poolSize: 0 });
    expect(E.isLeft(badSize) && badSize.left).toMatchObject({ field: "poolSize" });
  });

  it("an unreachable server is a value naming it without its password", async () => {
    const gone = await connectPostgresEventStore({ url: "postgres://u:s3cret@127.0.0.1:1/db" });
    expect(E.isLeft(gone) && gone.left._tag).toBe("PostgresUnreachable");
    expect(JSON.stringify(gone)).not.toContain("s3cret");
  });

  it("describe() never shows the password", async () => {
    expect(redactPostgresUrl("postgres://insieme:p%40ss@db:5432/x")).toBe("postgres://insieme:***@db:5432/x");
    const connected = await connectPostgresEventStore({ url: database.url, schema: "described" });
    if (E.isLeft(connected)) throw new Error(connected.left.message);
    const password = new URL(database.url).password;
    expect(connected.right.describe().location).not.toContain(password);
    expect(connected.right.describe()).toMatchObject({ kind: "postgres" });
    await connected.right.close();
  });

  it("two schemas in one database are two independent stores", async () => {
    const [a, b] = await Promise.all([
      connectPostgresEventStore({ url: database.url, schema: "store_a" }),
      connectPostgresEventStore({ url: database.url, schema: "store_b" }),
    ]);
    if (E.isLeft(a) || E.isLeft(b)) throw new Error("connect");
    const event = {
      eventId: "00000000-0000-4000-8000-000000000001",
      type: "T",
      version: 1,
      data: {},
      occurredAt: "2017-01-01T00:00:00.000Z",
      correlationId: null,
      causationId: null,
      actor: { id: "a", role: "operator" },
    };
    expect(E.isRight(await a.right.append("s", [event], "no_stream"))).toBe(true);
    expect(await b.right.headPosition()).toBeNull();
    await Promise.all([a.right.close(), b.right.close()]);
  });
});

describe("the checkpoint store", () => {
  it("saves state and position together, replaces them, and deletes them", async () => {
    const connected = await connectPostgresEventStore({ url: database.url });
    if (E.isLeft(connected)) throw new Error(connected.left.message);
    const checkpoints = new PostgresCheckpointStore(connected.right.connectionPool);
    expect(await checkpoints.load("p")).toBeNull();
    const first: Checkpoint = { projection: "p", version: 1, position: 41, state: { b: 1, a: [2] } };
    await checkpoints.save(first);
    expect(await checkpoints.load("p")).toEqual(first);
    await checkpoints.save({ ...first, position: null, state: { rebuilt: true } });
    expect(await checkpoints.load("p")).toEqual({ ...first, position: null, state: { rebuilt: true } });
    await checkpoints.delete("p");
    expect(await checkpoints.load("p")).toBeNull();
    await connected.right.close();
  });
});

describe("reading a stream in batches", () => {
  it("one query per batch of at most 1000 events, forwards and backwards, and the pool ends on close", async () => {
    const connected = await connectPostgresEventStore({ url: database.url, schema: "batches" });
    if (E.isLeft(connected)) throw new Error(connected.left.message);
    const store = connected.right;
    const events = Array.from({ length: 2500 }, (_, i) => ({
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      type: "Counted",
      version: 1,
      data: { i },
      occurredAt: "2018-01-01T00:00:00.000Z",
      correlationId: null,
      causationId: null,
      actor: { id: "op-1", role: "operator" },
    }));
    expect(E.isRight(await store.append("long-1", events, "no_stream"))).toBe(true);
    const pool = store.connectionPool;
    const query = pool.query.bind(pool);
    let queries = 0;
    pool.query = ((...args: Parameters<typeof query>) => {
      queries++;
      return query(...args);
    }) as typeof pool.query;
    const sizes: number[] = [];
    let expected = 0;
    for await (const batch of store.readStreamBatches("long-1")) {
      sizes.push(batch.length);
      for (const event of batch) expect(event.revision).toBe(expected++);
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(queries).toBe(1 + 3); // the stream's state, then one query per batch
    const backwards: number[] = [];
    for await (const batch of store.readStreamBatches("long-1", { direction: "backwards", maxCount: 1200 }))
      backwards.push(batch.length, batch[0]?.revision ?? -1);
    expect(backwards).toEqual([1000, 2499, 200, 1499]);
    pool.query = query;
    await store.close();
    expect(pool.ended).toBe(true);
  });
});
