import { connectPostgresEventStore, type PostgresEventStore } from "@insieme/postgres";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";
import type { StoreChoice } from "./store-option.js";

/** Connects to the chosen PostgreSQL store (creating its schema when missing); a failure is one error line. */
export const openPostgresStore = async (
  choice: Extract<StoreChoice, { kind: "postgres" }>,
): Promise<PostgresEventStore> => {
  const connected = await connectPostgresEventStore({ url: choice.url });
  if (E.isRight(connected)) return connected.right;
  const error = connected.left;
  if (error._tag === "InvalidPostgresConfig") throw new CliError(`--postgres: ${error.message}`, 2);
  throw new CliError(`${error.location}: ${error.message}`);
};

/** A server-side failure met while reading or writing PostgreSQL (it carries a SQLSTATE code). */
export const isPostgresFailure = (error: unknown): error is Error & { code: string } => {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as unknown as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
};
