import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openSqliteDatabase } from "../src/index.js";
import { worklistContract } from "./worklist-contract.js";

worklistContract("sqlite (in memory)", async () => openSqliteDatabase(":memory:"));

const folder = mkdtempSync(join(tmpdir(), "insieme-worklists-"));
let files = 0;
worklistContract("sqlite (file)", async () =>
  openSqliteDatabase(join(folder, `lists-${++files}`, "worklists.db")),
);

it("the database file is created owner-only in an owner-only folder", async () => {
  const path = join(folder, "private", "worklists.db");
  const db = openSqliteDatabase(path);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(statSync(join(folder, "private")).mode & 0o777).toBe(0o700);
  expect(db.engine).toMatch(/^sqlite 3\./);
  await db.close();
});
