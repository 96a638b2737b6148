import { createTestDatabase, type TestDatabase } from "@insieme/testing";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { postgresDatabase } from "../src/index.js";
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
