import { createTestDatabase, eventStoreContract, type TestDatabase } from "@insieme/testing";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll } from "vitest";
import { connectPostgresEventStore } from "../src/index.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("contract");
});
afterAll(() => database.drop());

eventStoreContract("postgres", async () => {
  const store = await connectPostgresEventStore({ url: database.url, poolSize: 20 });
  if (E.isLeft(store)) throw new Error(store.left.message);
  return store.right;
});
