import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publish, record, type Workspace, workspace, writeJson } from "./support.js";

const run = promisify(execFile);
const TSX = createRequire(import.meta.url).resolve("tsx/cli");
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** Runs the audit script as `pnpm --filter @insieme/example-audit run audit` does; resolves with its exit code. */
const audit = async (args: readonly string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      TSX,
      "--tsconfig",
      join(ROOT, "tsconfig.check.json"),
      MAIN,
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe("the audit command", () => {
  let ws: Workspace;
  let published: string;
  beforeAll(async () => {
    ws = await workspace();
    await record(ws.journal, [1, 2, 3], [1, 2, 3]);
    published = join(ws.dir, "published.json");
    await publish(ws.journal, published);
  });
  afterAll(() => ws.remove());

  it("prints each check and the verdict, exiting 0 on a match", async () => {
    const match = await audit(["--journal", ws.journal, "--report", published, "--config", "illustrative"]);
    expect(match.code).toBe(0);
    expect(match.stdout).toMatch(/OK {4}journal: hash chain/);
    expect(match.stdout).toContain("VERDICT: MATCH");
  });

  it("checks a signed report's signature and bytes, exiting 1 for the wrong public key", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const key = join(ws.dir, "signing.pem");
    const pub = join(ws.dir, "signing.pub.pem");
    await writeFile(key, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    await writeFile(pub, publicKey.export({ type: "spki", format: "pem" }));
    const signed = join(ws.dir, "signed.json");
    await publish(ws.journal, signed, ["--signing-key", key]);
    const args = ["--journal", ws.journal, "--report", signed, "--config", "illustrative"];
    const ok = await audit([...args, "--signature", `${signed}.sig`, "--public-key", pub]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/OK {4}signature: Ed25519 signature valid/);
    expect(ok.stdout).toMatch(/OK {4}bytes: /);
    const other = join(ws.dir, "other.pub.pem");
    await writeFile(other, generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }));
    const wrong = await audit([...args, "--signature", `${signed}.sig`, "--public-key", other]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("FAIL  signature: signed with another key");
    const alone = await audit([...args, "--signature", `${signed}.sig`]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--signature and --public-key go together");
  }, 180_000);

  it("exits 1 on a mismatch", async () => {
    const report = JSON.parse(await readFile(published, "utf8"));
    report.title = "Insieme per il lavoro — I numeri (rivisto)";
    const edited = join(ws.dir, "edited.json");
    await writeJson(edited, report);
    const mismatch = await audit(["--journal", ws.journal, "--report", edited, "--config", "illustrative"]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain("FAIL  content: differs from the replay: title");
    expect(mismatch.stdout).toContain("VERDICT: MISMATCH — content");
  });
});
