import type pg from "pg";
import type { SqlDatabase, SqlExecutor } from "./sql-database.js";

/** `?` placeholders as PostgreSQL's `$1, $2, ...`. */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
  run: async (sql, params = []) => {
    await client.query(numbered(sql), params as unknown[]);
  },
  all: async <R>(sql: string, params: readonly unknown[] = []) =>
    (await client.query(numbered(sql), params as unknown[])).rows as R[],
});

/**
 * PostgreSQL through a `pg` pool (the event store's own, or another); the tables live in `schema`. With
 * `ownsPool`, `close` ends the pool (a pool made for the lists alone); otherwise its owner ends it.
 */
export const postgresDatabase = async (
  pool: pg.Pool,
  schema: string,
  options: { readonly ownsPool?: boolean } = {},
): Promise<SqlDatabase> => {
  const version = (await pool.query("SHOW server_version")).rows[0]?.server_version as string;
  const setPath = `SET LOCAL search_path TO "${schema.replace(/"/g, '""')}"`;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
  const inSchema = async <T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(setPath);
      const result = await body(executor(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    engine: `postgres ${version}`,
    run: (sql, params) => inSchema((tx) => tx.run(sql, params)),
    all: (sql, params) => inSchema((tx) => tx.all(sql, params)),
    transaction: inSchema,
    close: async () => {
      if (options.ownsPool === true) await pool.end();
    },
  };
};
