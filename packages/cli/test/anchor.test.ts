import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inProcess } from "./run-cli.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const joinBoard = (n: number) => ({
  commandId: `join-${n}`,
  type: "JoinBoard",
  occurredAt: `2018-01-1${n}T09:00:00Z`,
  actor: { id: "op-1", role: "operator" },
  data: {
    companyId: `co-${n}`,
    channel: "direct",
    name: `Azienda ${n}`,
    municipalityIstat: "037006",
    sector: "I",
    size: "small",
  },
});

const HASH_MEMBER = /,"hash":"[0-9a-f]{64}"\}$/;

/**
 * The attacker: rewrites `from` into `to` in the journal's records and re-hashes the whole chain from the genesis
 * hash, as the format document describes it (SHA-256 of the previous hash's hex then the body); removes every
 * other file of the journal directory (indexes, checkpoints) so nothing stale betrays the rewrite.
 */
const rewriteAndRehash = async (journal: string, from: string, to: string): Promise<string> => {
  const file = join(journal, "journal.ndjson");
  const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l !== "");
  let prev = "0".repeat(64);
  const out: string[] = [];
  for (const line of lines) {
    const body = line.replace(HASH_MEMBER, "}").replaceAll(from, to);
    const hash = createHash("sha256").update(prev, "latin1").update(body, "utf8").digest("hex");
    out.push(`${body.slice(0, -1)},"hash":"${hash}"}`);
    prev = hash;
  }
  for (const name of await readdir(journal))
    if (name !== "journal.ndjson") await rm(join(journal, name), { force: true });
  await writeFile(file, `${out.join("\n")}\n`);
  return prev;
};

describe("insieme verify --anchor (attacker: a journal rewritten and re-hashed from scratch)", () => {
  it("passes a re-hashed journal without an anchor, and refuses it against the published head hash", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-anchor-"));
    const journal = join(dir, "journal");
    const file = join(dir, "commands.ndjson");
    await writeFile(file, `${[1, 2, 3].map((n) => JSON.stringify(joinBoard(n))).join("\n")}\n`);
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
    const out = join(dir, "report.json");
    await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--format",
      "json",
      "--raw",
      "--out",
      out,
    );
    const published = (
      JSON.parse(await readFile(out, "utf8")) as { provenance: { journalHash: { value: string } } }
    ).provenance.journalHash.value;

    const honest = await inProcess(
      "verify",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--anchor",
      published,
    );
    expect(honest.code, honest.stderr).toBe(0);
    expect(honest.stdout).toContain(`anchor ${published} is in the chain`);

    const forgedHead = await rewriteAndRehash(journal, '"name":"Azienda 2"', '"name":"Azienda X"');
    expect(forgedHead).not.toBe(published);
    // Without an anchor the forgery passes: the chain is consistent in itself.
    const unanchored = await inProcess("verify", "--config", "illustrative", "--journal", journal);
    expect(unanchored.code, unanchored.stderr).toBe(0);
    expect(unanchored.stdout).toContain("no --anchor");
    // Against the published head hash it is refused.
    const anchored = await inProcess(
      "verify",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--anchor",
      published,
    );
    expect(anchored.code).toBe(1);
    expect(anchored.stderr).toContain(`no record has hash ${published}`);

    const bad = await inProcess("verify", "--journal", journal, "--anchor", "abc");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--anchor must be a head hash");
  });
});

describe("a closed standard output", () => {
  it("`insieme demo | head -1` ends quietly: one line, no EPIPE trace", async () => {
    const { spawn } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    dir = await mkdtemp(join(tmpdir(), "insieme-epipe-"));
    const root = fileURLToPath(new URL("../../../", import.meta.url));
    const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          "sh",
          [
            "-c",
            `"${process.execPath}" --import tsx "${bin}" demo --journal "${join(dir ?? "", "j")}" --out "${join(dir ?? "", "r.html")}" | head -1`,
          ],
          {
            cwd: root,
            env: { ...process.env, TSX_TSCONFIG_PATH: join(root, "tsconfig.check.json"), FORCE_COLOR: "0" },
          },
        );
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
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
  }, 120_000);
});
