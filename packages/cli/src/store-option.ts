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
    };

const CONNECTION_STRING = /^esdb(\+discover)?:\/\/\S+$/;
const CONNECTION_STRING_MESSAGE = "must be an esdb:// or esdb+discover:// connection string";

/** Commander's `--journal` / `--eventstoredb` plus the environment's value (passed in as `eventstoredbEnv`). */
export const storeOptionFields = {
  journal: z.string().min(1).optional(),
  eventstoredb: z.string().trim().regex(CONNECTION_STRING, CONNECTION_STRING_MESSAGE).optional(),
  eventstoredbEnv: z.string().optional(),
};

interface StoreOptionInput {
  readonly journal?: string | undefined;
  readonly eventstoredb?: string | undefined;
  readonly eventstoredbEnv?: string | undefined;
}

/** Exactly one store: `--journal`, `--eventstoredb`, or (with neither) the environment's connection string. */
export const chooseStore = (options: StoreOptionInput, ctx: z.RefinementCtx): StoreChoice => {
  if (options.journal !== undefined && options.eventstoredb !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: "--journal and --eventstoredb name two stores: give only one",
      path: ["eventstoredb"],
    });
    return z.NEVER;
  }
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
