import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A database of its own for one test file, on the run's PostgreSQL server. */
export interface TestDatabase {
  readonly url: string;
  /** The server's version string (`SHOW server_version`). */
  readonly serverVersion: string;
  drop(): Promise<void>;
}

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * Creates a fresh database on the server the global setup started (or on INSIEME_POSTGRES_URL's server, whose
 * user needs CREATEDB), so test files running in parallel never see each other's streams or rows.
 */
export const createTestDatabase = async (label: string): Promise<TestDatabase> => {
  const serverUrl = inject("insiemePostgresUrl");
  const name = `insieme_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  let serverVersion: string;
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    serverVersion = String((await admin.query("SHOW server_version")).rows[0]?.server_version);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    serverVersion,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
};
