import type { RecordedEvent, SubscriptionMessage } from "@insieme/kernel";
import { createTestDatabase, type TestDatabase } from "@insieme/testing";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgresEventStore, type PostgresEventStore } from "../src/index.js";

let database: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  database = await createTestDatabase("out_of_order");
  const connected = await connectPostgresEventStore({ url: database.url, pollIntervalMs: 50 });
  if (E.isLeft(connected)) throw new Error(connected.left.message);
  store = connected.right;
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const client = async (): Promise<pg.Client> => {
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  return c;
};

const event = (n: number) => ({
  eventId: `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`,
  type: "Happened",
  version: 1,
  data: { n },
  occurredAt: "2017-05-02T09:00:00.000Z",
  correlationId: null,
  causationId: null,
  actor: { id: "operator-1", role: "operator" },
});

/** The store's own append function, called inside a transaction the test keeps open. */
const appendInOpenTransaction = async (c: pg.Client, stream: string, n: number): Promise<number> => {
  const e = event(n);
  await c.query("BEGIN");
  const { rows } = await c.query(
    `SELECT first_position FROM insieme.append($1, 'any', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      stream,
      [e.eventId],
      [e.type],
      [e.version],
      [JSON.stringify(e.data)],
      [e.occurredAt],
      [null],
      [null],
      [JSON.stringify(e.actor)],
    ],
  );
  return Number(rows[0].first_position);
};

/** A catch-up reader of the streams starting with `prefix`, collecting what it is given. */
const reader = (prefix: string) => {
  const subscription = store.subscribe({ filter: { streamPrefixes: [prefix] } });
  const seen: RecordedEvent[] = [];
  let caughtUp = false;
  const done = (async () => {
    for await (const message of subscription as AsyncIterable<SubscriptionMessage>) {
      if (message.kind === "caughtUp") caughtUp = true;
      else seen.push(message.event);
    }
  })();
  return {
    seen,
    isCaughtUp: () => caughtUp,
    stop: async () => {
      await subscription.close();
      await done;
    },
  };
};

const until = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("transactions that finish out of sequence order", () => {
  it("with sequence-numbered rows a reader skips the row committed late (the pitfall this store avoids)", async () => {
    const setup = await client();
    await setup.query("CREATE TABLE naive_log (position bigserial PRIMARY KEY, label text NOT NULL)");
    const [t1, t2] = [await client(), await client()];
    try {
      await t1.query("BEGIN");
      const p1 = Number(
        (await t1.query("INSERT INTO naive_log (label) VALUES ('t1') RETURNING position")).rows[0].position,
      );
      await t2.query("BEGIN");
      const p2 = Number(
        (await t2.query("INSERT INTO naive_log (label) VALUES ('t2') RETURNING position")).rows[0].position,
      );
      expect(p2).toBeGreaterThan(p1);
      await t2.query("COMMIT"); // the later position commits first
      const firstRead = await setup.query(
        "SELECT position FROM naive_log WHERE position > 0 ORDER BY position",
      );
      const checkpoint = Number(firstRead.rows.at(-1)?.position);
      expect(checkpoint).toBe(p2);
      await t1.query("COMMIT");
      const secondRead = await setup.query("SELECT position FROM naive_log WHERE position > $1", [
        checkpoint,
      ]);
      expect(secondRead.rows).toEqual([]); // p1 is in the table but behind the reader's checkpoint: skipped
      expect((await setup.query("SELECT count(*)::int AS n FROM naive_log")).rows[0].n).toBe(2);
    } finally {
      await Promise.all([t1.end(), t2.end(), setup.end()]);
    }
  });

  it("the store: a later writer asking to commit first waits, and a running catch-up reader skips nothing", async () => {
    const prefix = `ooo-${Date.now()}`;
    const live = reader(prefix);
    await until(live.isCaughtUp);
    const t1 = await client();
    try {
      // T1 takes the next position and stays open, uncommitted.
      const p1 = await appendInOpenTransaction(t1, `${prefix}-a`, 1);
      // T2 is a complete append (its own transaction, committing on return) issued while T1 is open.
      let t2Done = false;
      const t2 = store.append(`${prefix}-b`, [event(2)], "any").then((r) => {
        t2Done = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(t2Done).toBe(false); // T2 cannot commit ahead of T1
      expect(live.seen).toEqual([]); // and the reader has been handed nothing out of order
      await t1.query("COMMIT");
      const result = await t2;
      if (E.isLeft(result)) throw new Error(result.left.message);
      const p2 = result.right.positions[0] ?? -1;
      expect(p2).toBeGreaterThan(p1);
      await until(() => live.seen.length >= 2);
      expect(live.seen.map((e) => [e.streamId, e.position])).toEqual([
        [`${prefix}-a`, p1],
        [`${prefix}-b`, p2],
      ]);
    } finally {
      await live.stop();
      await t1.end();
    }
  });

  it("the store: a rolled-back writer leaves no gap a reader could stop at", async () => {
    const prefix = `rollback-${Date.now()}`;
    const live = reader(prefix);
    await until(live.isCaughtUp);
    const t1 = await client();
    try {
      const p1 = await appendInOpenTransaction(t1, `${prefix}-a`, 3);
      const t2 = store.append(`${prefix}-b`, [event(4)], "any");
      await new Promise((r) => setTimeout(r, 200));
      await t1.query("ROLLBACK");
      const result = await t2;
      if (E.isLeft(result)) throw new Error(result.left.message);
      expect(result.right.positions).toEqual([p1]); // the position T1 gave up is taken, in order
      await until(() => live.seen.length >= 1);
      expect(live.seen.map((e) => e.streamId)).toEqual([`${prefix}-b`]);
    } finally {
      await live.stop();
      await t1.end();
    }
  });

  it("the store: many writers holding their transactions open for random times; the reader gets every event once, in order", async () => {
    const prefix = `storm-${Date.now()}`;
    const live = reader(prefix);
    await until(live.isCaughtUp);
    const writers = 8;
    const perWriter = 6;
    const clients = await Promise.all(Array.from({ length: writers }, () => client()));
    try {
      await Promise.all(
        clients.map(async (c, w) => {
          for (let i = 0; i < perWriter; i++) {
            await appendInOpenTransaction(c, `${prefix}-${w}`, 1000 + w * perWriter + i);
            await c.query("SELECT pg_sleep($1)", [Math.random() * 0.02]);
            await c.query("COMMIT");
          }
        }),
      );
      await until(() => live.seen.length >= writers * perWriter);
      const positions = live.seen.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(writers * perWriter);
      const stored: number[] = [];
      for await (const e of store.readAll()) if (e.streamId.startsWith(prefix)) stored.push(e.position);
      expect(positions).toEqual(stored);
    } finally {
      await live.stop();
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
