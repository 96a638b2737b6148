import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FilePersonalDataVault, InMemoryPersonalDataVault, seal, unseal } from "@insieme/domain";
import { afterEach, describe, expect, it } from "vitest";

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "insieme-vault-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("personal data vaults", () => {
  it("concurrent first uses of a person's key, from two vault instances, agree on one key", async () => {
    const dir = await tempDir();
    const a = new FilePersonalDataVault(dir);
    const b = new FilePersonalDataVault(dir);
    const keys = await Promise.all([a.keyFor("p1"), b.keyFor("p1"), a.keyFor("p1"), b.keyFor("p1")]);
    const hex = keys.map((k) => Buffer.from(k).toString("hex"));
    expect(new Set(hex).size).toBe(1);
    expect(await readdir(dir)).toHaveLength(1);
  });

  it("a sealed value opens with its person's key only, and not after erasure", async () => {
    const vault = new InMemoryPersonalDataVault();
    const sealed = seal(await vault.keyFor("p1"), "p1", { name: "Anna" });
    expect(unseal(await vault.keyFor("p1"), sealed)).toEqual({ name: "Anna" });
    expect(unseal(await vault.keyFor("p2"), sealed)).toBeUndefined();
    expect(unseal(await vault.keyFor("p1"), { ...sealed, personId: "p2" })).toBeUndefined();
    await vault.destroy("p1");
    expect(await vault.existingKey("p1")).toBeNull();
    expect(unseal(await vault.keyFor("p1"), sealed)).toBeUndefined();
  });
});
