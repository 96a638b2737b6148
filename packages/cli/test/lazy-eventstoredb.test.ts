import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson } from "@insieme/statistics";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The built CLI, run with a module hook that refuses to resolve the EventStoreDB client or any gRPC module: the
 * journal path must never ask for them; a command asked for EventStoreDB does (and so fails here, on the hook).
 * Needs the built CLI (`pnpm build`, which CI runs before the tests).
 */
const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "insieme-lazy-"));
const hook = join(work, "refuse-grpc.mjs");
const commands = join(work, "commands.ndjson");
const journal = join(work, "journal");

const refuse = `export async function resolve(specifier, context, next) {
  if (/^@eventstore\\/db-client|^@grpc\\//.test(specifier)) throw new Error("refused by the test: " + specifier);
  return next(specifier, context);
}`;

const run = (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", hook, bin, ...args], {
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("the CLI is not built: run `pnpm build` before this test");
  writeFileSync(
    hook,
    `import { register } from "node:module";\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(refuse)}`)});\n`,
  );
  const lines = [...syntheticProgramme({ seed: 4, candidates: 4, applicationsPerMonth: 4 })].map((c) =>
    canonicalJson(c),
  );
  writeFileSync(commands, `${lines.join("\n")}\n`);
});

describe("the EventStoreDB client is loaded only when asked for", () => {
  it("import, report, verify and export on a journal load no gRPC module", async () => {
    const imported = await run("import", "--config", "illustrative", "--journal", journal, commands);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const report = await run("report", "--config", "illustrative", "--journal", journal, "--format", "json");
    expect(report.code, report.stderr).toBe(0);
    const verified = await run("verify", "--config", "illustrative", "--journal", journal);
    expect(verified.code, verified.stderr).toBe(0);
    const exported = await run("export", "--journal", journal, "--out", join(work, "history.ndjson"));
    expect(exported.code, exported.stderr).toBe(0);
  }, 180_000);

  it("a command asked for EventStoreDB loads the client (here: refused by the hook, so the hook is in force)", async () => {
    const asked = await run(
      "export",
      "--eventstoredb",
      "esdb://127.0.0.1:1?tls=false",
      "--out",
      join(work, "h2"),
    );
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain("refused by the test: @eventstore/db-client");
  }, 60_000);
});
