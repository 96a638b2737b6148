import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

export interface AuditArguments {
  /** The journal directory to verify and replay. */
  readonly journal: string;
  /** The published report (JSON, as `insieme report --format json` writes it). */
  readonly report: string;
  /** The programme configuration the report was labelled under (a JSON file, or `illustrative`). */
  readonly config: string;
  /** The report's detached signature (`<report>.sig`) and the signer's Ed25519 public key (PEM), given together. */
  readonly signature?: { readonly file: string; readonly publicKey: string };
}

export const USAGE =
  "usage: audit --journal <journal directory> --report <published report .json> --config <configuration .json | illustrative> [--signature <report .sig> --public-key <signer's public key .pem>]";

const schema = z
  .strictObject({
    journal: z.string({ message: "--journal is required" }).min(1, "--journal must not be empty"),
    report: z.string({ message: "--report is required" }).min(1, "--report must not be empty"),
    config: z.string({ message: "--config is required" }).min(1, "--config must not be empty"),
    signature: z.string().min(1, "--signature must not be empty").optional(),
    "public-key": z.string().min(1, "--public-key must not be empty").optional(),
  })
  .refine((o) => (o.signature === undefined) === (o["public-key"] === undefined), {
    message: "--signature and --public-key go together",
  });

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Parses the command line; anything unknown or missing is a UsageError that says what. Relative paths are taken
 * from `cwd` (pnpm runs scripts in the package's directory and passes the caller's in INIT_CWD).
 */
export const parseAuditArguments = (argv: readonly string[], cwd: string): AuditArguments => {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        journal: { type: "string" },
        report: { type: "string" },
        config: { type: "string" },
        signature: { type: "string" },
        "public-key": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success)
    throw new UsageError(`${parsed.error.issues.map((i) => i.message).join("; ")}\n${USAGE}`);
  return {
    journal: resolve(cwd, parsed.data.journal),
    report: resolve(cwd, parsed.data.report),
    config: parsed.data.config === "illustrative" ? parsed.data.config : resolve(cwd, parsed.data.config),
    ...(parsed.data.signature === undefined || parsed.data["public-key"] === undefined
      ? {}
      : {
          signature: {
            file: resolve(cwd, parsed.data.signature),
            publicKey: resolve(cwd, parsed.data["public-key"]),
          },
        }),
  };
};
