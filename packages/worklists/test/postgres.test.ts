import { createTestDatabase, type TestDatabase } from "@insieme/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDatabase, Worklists } from "../src/index.js";
import { worklistContract } from "./worklist-contract.js";

let database: TestDatabase;
let pool: pg.Pool;
let schemas = 0;
beforeAll(async () => {
  database = await createTestDatabase("worklists");
  pool = new pg.Pool({ connectionString: database.url, max: 5 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

worklistContract("postgres", () => postgresDatabase(pool, `worklists_${++schemas}`));

describe("the lists' own pool", () => {
  it("is ended when the lists close (ownsPool), and left to its owner otherwise", async () => {
    const own = new pg.Pool({ connectionString: database.url, max: 2 });
    const lists = await Worklists.open(await postgresDatabase(own, "owned_pool", { ownsPool: true }));
    await lists.close();
    expect(own.ended).toBe(true);
    const shared = await Worklists.open(await postgresDatabase(pool, "shared_pool"));
    await shared.close();
    expect(pool.ended).toBe(false);
  });
});
