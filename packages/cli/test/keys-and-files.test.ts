import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { readPrivateKeyFile } from "@insieme/domain";
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
  occurredAt: "2018-01-10T09:00:00Z",
  actor: { id: "op-1", role: "operator" },
  data: {
    companyId: `co-${n}`,
    channel: "direct",
    name: `A ${n}`,
    municipalityIstat: "037006",
    sector: "I",
    size: "small",
  },
});

const mode = async (path: string): Promise<string> => ((await stat(path)).mode & 0o777).toString(8);

describe("keys and files (attacker: another local user)", () => {
  it("creates the journal, its keys, raw reports and exports for their owner only (0700 directories, 0600 files)", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-modes-"));
    const journal = join(dir, "journal");
    const file = join(dir, "commands.ndjson");
    await writeFile(file, `${JSON.stringify(joinBoard(1))}\n`);
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
    const raw = join(dir, "out", "raw.json");
    await inProcess(
      "report",
      "--config",
      "illustrative",
      "--journal",
      journal,
      "--raw",
      "--format",
      "json",
      "--out",
      raw,
    );
    const history = join(dir, "exports", "history.ndjson");
    expect((await inProcess("export", "--journal", journal, "--out", history)).code).toBe(0);
    expect(await mode(journal)).toBe("700");
    expect(await mode(join(journal, "journal.ndjson"))).toBe("600");
    expect(await mode(`${journal}.keys`)).toBe("700");
    expect(await mode(join(`${journal}.keys`, "person-hmac.key"))).toBe("600");
    expect(await mode(join(dir, "out"))).toBe("700");
    expect(await mode(raw)).toBe("600");
    expect(await mode(join(dir, "exports"))).toBe("700");
    expect(await mode(history)).toBe("600");
  });

  it("refuses a key file that group or others can read, instead of using it", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-planted-"));
    const journal = join(dir, "journal");
    const file = join(dir, "commands.ndjson");
    await writeFile(file, `${JSON.stringify(joinBoard(1))}\n`);
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
    const key = join(`${journal}.keys`, "person-hmac.key");
    await chmod(key, 0o644);
    await writeFile(file, `${JSON.stringify(joinBoard(2))}\n`);
    const run = await inProcess("import", "--config", "illustrative", "--journal", journal, file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/group or others may access the key file \(mode 644\)/);
    // A planted world-readable key beside a new journal is refused the same way.
    const planted = join(dir, "other.keys");
    await rm(planted, { recursive: true, force: true });
    await (await import("node:fs/promises")).mkdir(planted, { mode: 0o700 });
    await writeFile(join(planted, "person-hmac.key"), `${"ab".repeat(32)}\n`, { mode: 0o666 });
    await chmod(join(planted, "person-hmac.key"), 0o666);
    const plantedRun = await inProcess(
      "import",
      "--config",
      "illustrative",
      "--journal",
      join(dir, "other"),
      file,
    );
    expect(plantedRun.code).toBe(1);
    expect(plantedRun.stderr).toContain("group or others may access the key file");
  });

  it("refuses a symbolic link as a key file, and reads an owner-only one", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-keyfile-"));
    const real = join(dir, "real.key");
    await writeFile(real, "secret", { mode: 0o600 });
    expect(await readPrivateKeyFile(real)).toBe("secret");
    expect(await readPrivateKeyFile(join(dir, "missing.key"))).toBeNull();
    const link = join(dir, "link.key");
    await (await import("node:fs/promises")).symlink(real, link);
    await expect(readPrivateKeyFile(link)).rejects.toThrow(/symbolic link/);
  });

  it("names the same keys for a journal given with a trailing slash, relatively or absolutely: one person, one case", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-paths-"));
    const journal = join(dir, "journal");
    const apply = (n: number) => ({
      commandId: `apply-${n}`,
      type: "SubmitApplication",
      occurredAt: "2018-01-10T09:00:00Z",
      actor: { id: "op-1", role: "operator" },
      data: {
        candidateId: `cand-${n}`,
        channel: "online_form",
        referrer: "self",
        birthYear: 1985,
        gender: "female",
        educationLevel: "upper_secondary",
        citizenship: "italian",
        residence: { municipalityIstat: "037006", quartiere: "navile" },
        unemploymentDuration: "over_24_months",
        economicCondition: "isee_6k_12k",
        personal: {
          codiceFiscale: "RSSMRA85T10A562S",
          givenName: "M",
          familyName: "R",
          email: null,
          phone: null,
        },
      },
    });
    const first = join(dir, "1.ndjson");
    const second = join(dir, "2.ndjson");
    await writeFile(first, `${JSON.stringify(apply(1))}\n`);
    await writeFile(second, `${JSON.stringify(apply(2))}\n`);
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, first)).code).toBe(0);
    for (const named of [`${journal}/`, relative(process.cwd(), journal)]) {
      const run = await inProcess("import", "--config", "illustrative", "--journal", named, second);
      expect(run.code, named).toBe(1);
      expect(run.stderr).toContain("person-has-open-case");
    }
    expect(await readFile(join(`${journal}.keys`, "person-hmac.key"), "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
  });
});

describe("the journal header names its person key (attacker: a journal opened with another key)", () => {
  const journalBytes = (journal: string) => readFile(join(journal, "journal.ndjson"));
  const headerOf = async (journal: string) =>
    JSON.parse((await readFile(join(journal, "journal.ndjson"), "utf8")).split("\n")[0] ?? "{}") as Record<
      string,
      unknown
    >;

  it("records the key's fingerprint, never the key, and refuses another key, writing nothing", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-fingerprint-"));
    const journal = join(dir, "journal");
    const file = join(dir, "commands.ndjson");
    await writeFile(file, `${JSON.stringify(joinBoard(1))}\n`);
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
    const keyFile = join(`${journal}.keys`, "person-hmac.key");
    const key = (await readFile(keyFile, "utf8")).trim();
    const header = await headerOf(journal);
    expect(header.keyFingerprint).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(header)).not.toContain(key);
    expect(String(header.keyFingerprint)).not.toContain(createHash("sha256").update(key).digest("hex"));

    // Another valid key, owner-only, put in place of the journal's.
    await writeFile(keyFile, `${"cd".repeat(32)}\n`, { mode: 0o600 });
    const before = await journalBytes(journal);
    await writeFile(file, `${JSON.stringify(joinBoard(2))}\n`);
    const run = await inProcess("import", "--config", "illustrative", "--journal", journal, file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /was created with another key: its header records key fingerprint hmac-sha256:/,
    );
    expect((await journalBytes(journal)).equals(before)).toBe(true);

    // A keys directory elsewhere without the key: refused, and no new key is left behind there.
    await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
    const elsewhere = join(dir, "elsewhere.keys");
    process.env.INSIEME_KEYS_DIR = elsewhere;
    try {
      const moved = await inProcess("import", "--config", "illustrative", "--journal", journal, file);
      expect(moved.code).toBe(1);
      expect(moved.stderr).toMatch(/was created with another key/);
    } finally {
      delete process.env.INSIEME_KEYS_DIR;
    }
    expect(existsSync(join(elsewhere, "person-hmac.key"))).toBe(false);
    expect((await journalBytes(journal)).equals(before)).toBe(true);
    // With its own key back, the journal takes the command.
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
  });

  it("carries the fingerprint through an export into the journal the history is moved to", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-fingerprint-move-"));
    const journal = join(dir, "journal");
    const file = join(dir, "commands.ndjson");
    await writeFile(file, `${JSON.stringify(joinBoard(1))}\n`);
    expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
    const history = join(dir, "history.ndjson");
    expect((await inProcess("export", "--journal", journal, "--out", history)).code).toBe(0);
    const copy = join(dir, "copy");
    expect((await inProcess("import", "--journal", copy, history)).code).toBe(0);
    expect((await headerOf(copy)).keyFingerprint).toBe((await headerOf(journal)).keyFingerprint);
    // The copy without its keys refuses new commands (a new key would open second cases for the same people).
    await writeFile(file, `${JSON.stringify(joinBoard(2))}\n`);
    const refused = await inProcess("import", "--config", "illustrative", "--journal", copy, file);
    expect(refused.code).toBe(1);
    expect(existsSync(join(`${copy}.keys`, "person-hmac.key"))).toBe(false);
    process.env.INSIEME_KEYS_DIR = `${journal}.keys`;
    try {
      expect((await inProcess("import", "--config", "illustrative", "--journal", copy, file)).code).toBe(0);
    } finally {
      delete process.env.INSIEME_KEYS_DIR;
    }
  });
});
