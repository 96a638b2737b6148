import { z } from "zod";

/** Read when neither `--journal` nor `--eventstoredb` is given, so a deployment can name its server once. */
export const EVENTSTOREDB_URL_ENV = "INSIEME_EVENTSTOREDB_URL";

/** The store a history is exported from or imported into. */
export type StoreChoice =
  | { readonly kind: "journal"; readonly path: string }
  | {
      readonly kind: "eventstoredb";
      readonly connectionString: string;
      /** Where the connection string came from, for error messages. */
      readonly from: "--eventstoredb" | typeof EVENTSTOREDB_URL_ENV;
    }
  | { readonly kind: "postgres"; readonly url: string };

const CONNECTION_STRING = /^esdb(\+discover)?:\/\/\S+$/;
const CONNECTION_STRING_MESSAGE = "must be an esdb:// or esdb+discover:// connection string";
const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;

/** Commander's `--journal` / `--eventstoredb` plus the environment's value (passed in as `eventstoredbEnv`). */
export const storeOptionFields = {
  journal: z.string().min(1).optional(),
  eventstoredb: z.string().trim().regex(CONNECTION_STRING, CONNECTION_STRING_MESSAGE).optional(),
  eventstoredbEnv: z.string().optional(),
  postgres: z
    .string()
    .trim()
    .regex(POSTGRES_URL, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
};

interface StoreOptionInput {
  readonly journal?: string | undefined;
  readonly eventstoredb?: string | undefined;
  readonly eventstoredbEnv?: string | undefined;
  readonly postgres?: string | undefined;
}

/**
 * Exactly one store: `--journal`, `--eventstoredb`, `--postgres`, or (with none) the environment's EventStoreDB
 * connection string.
 */
export const chooseStore = (options: StoreOptionInput, ctx: z.RefinementCtx): StoreChoice => {
  const given = (["journal", "eventstoredb", "postgres"] as const).filter((k) => options[k] !== undefined);
  if (given.length > 1) {
    ctx.addIssue({
      code: "custom",
      message: `${given.map((k) => `--${k}`).join(" and ")} name ${given.length} stores: give only one`,
      path: [given[1] ?? "eventstoredb"],
    });
    return z.NEVER;
  }
  if (options.postgres !== undefined) return { kind: "postgres", url: options.postgres };
  if (options.journal !== undefined) return { kind: "journal", path: options.journal };
  if (options.eventstoredb !== undefined)
    return { kind: "eventstoredb", connectionString: options.eventstoredb, from: "--eventstoredb" };
  const fromEnv = options.eventstoredbEnv?.trim() ?? "";
  if (fromEnv === "") {
    ctx.addIssue({
      code: "custom",
      message: `--journal <path> or --eventstoredb <connection-string> is required (or set ${EVENTSTOREDB_URL_ENV})`,
      path: ["journal"],
    });
    return z.NEVER;
  }
  if (!CONNECTION_STRING.test(fromEnv)) {
    ctx.addIssue({ code: "custom", message: CONNECTION_STRING_MESSAGE, path: [EVENTSTOREDB_URL_ENV] });
    return z.NEVER;
  }
  return { kind: "eventstoredb", connectionString: fromEnv, from: EVENTSTOREDB_URL_ENV };
};

/** The raw options with the environment's connection string added, as the schemas expect them. */
export const withEnvironment = (raw: unknown): unknown => ({
  ...(typeof raw === "object" && raw !== null ? raw : {}),
  eventstoredbEnv: process.env[EVENTSTOREDB_URL_ENV],
});
