import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { SqlDatabase, SqlExecutor } from "./sql-database.js";

/**
 * SQLite through better-sqlite3 (synchronous, so a transaction cannot interleave with another in this process).
 * The file is created 0600 (it holds case data); `:memory:` for a throw-away database.
 */
export const openSqliteDatabase = (path: string): SqlDatabase => {
  if (path !== ":memory:") {
    // Owner-only folder and file: the work lists name cases, states and operators.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, "a", 0o600));
  }
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const exec: SqlExecutor = {
    run: async (sql, params = []) => {
      db.prepare(sql).run(...(params as unknown[]));
    },
    all: async <R>(sql: string, params: readonly unknown[] = []) =>
      db.prepare(sql).all(...(params as unknown[])) as R[],
  };
  // Transactions of this connection take turns (a body awaits; another may not begin meanwhile).
  let turn: Promise<unknown> = Promise.resolve();
  return {
    engine: `sqlite ${String((db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v)}`,
    ...exec,
    transaction: <T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
      const run = async (): Promise<T> => {
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await body(exec);
          db.exec("COMMIT");
          return result;
        } catch (error) {
          db.exec("ROLLBACK");
          throw error;
        }
      };
      const result = turn.then(run, run);
      turn = result.catch(() => {});
      return result;
    },
    close: async () => {
      db.close();
    },
  };
};
