import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { signDevToken } from "./dev-token.js";

/**
 * `pnpm --filter @insieme/example-case-service token --key auth-private.pem --sub op-1 --role operator`: prints a
 * token for local use. `--company` for the company role; `--issuer`, `--audience` as the service expects them
 * (default: `INSIEME_AUTH_ISSUER`, `INSIEME_AUTH_AUDIENCE`); `--ttl` seconds (default 3600).
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      key: { type: "string" },
      sub: { type: "string" },
      role: { type: "string" },
      company: { type: "string" },
      issuer: { type: "string" },
      audience: { type: "string" },
      ttl: { type: "string" },
    },
    strict: true,
  });
  if (values.key === undefined || values.sub === undefined || values.role === undefined) {
    throw new Error("--key <private.pem>, --sub <actor id> and --role <role> are required");
  }
  const issuer = values.issuer ?? process.env.INSIEME_AUTH_ISSUER;
  const audience = values.audience ?? process.env.INSIEME_AUTH_AUDIENCE;
  const token = await signDevToken(
    await readFile(resolve(process.env.INIT_CWD ?? process.cwd(), values.key), "utf8"),
    {
      actor: {
        id: values.sub,
        role: values.role as "operator",
        ...(values.company === undefined ? {} : { companyId: values.company }),
      },
      ...(issuer === undefined ? {} : { issuer }),
      ...(audience === undefined ? {} : { audience }),
      ...(values.ttl === undefined ? {} : { ttlSeconds: Number(values.ttl) }),
    },
  );
  process.stdout.write(`${token}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
