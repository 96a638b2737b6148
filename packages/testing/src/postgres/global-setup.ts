import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the PostgreSQL server the tests create their databases on. */
    insiemePostgresUrl: string;
    /** "embedded" (started for this run) or "external" (INSIEME_POSTGRES_URL). */
    insiemePostgresOrigin: string;
  }
}

/** vitest global setup: one PostgreSQL server for the whole run, stopped at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgresServer();
  project.provide("insiemePostgresUrl", server.url);
  project.provide("insiemePostgresOrigin", server.origin);
  return () => server.stop();
}
