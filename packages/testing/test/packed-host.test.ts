import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The packages as a host gets them: packed into tarballs (`pnpm pack`), installed into a separate project, the
 * README's API example type-checked there by `tsc` (module `nodenext` and `bundler`) and run; publint and
 * arethetypeswrong over every tarball. Needs the built packages (`pnpm build`, which CI runs before the tests).
 * Third-party dependencies come from the workspace's pnpm store when it has them, else from the registry.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "insieme-packed-"));
const tarballs = join(work, "tarballs");
const host = join(work, "host");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

interface Run {
  readonly code: number | null;
  readonly output: string;
}

const run = (command: string, args: readonly string[], cwd: string): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });

/** pnpm as the workspace runs it: the running pnpm when the tests were started by it, else `npx pnpm@10`. */
const pnpm = (args: readonly string[], cwd: string): Promise<Run> => {
  const current = process.env.npm_execpath;
  return current !== undefined && /pnpm/.test(current)
    ? run(process.execPath, [current, ...args], cwd)
    : run("npx", ["--yes", "pnpm@10", ...args], cwd);
};

const readmeExample = (): string => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const snippet = /## A taste of the API[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (snippet === undefined) throw new Error("README.md has no ```ts block under 'A taste of the API'");
  return snippet;
};

/** The kernel's README example: complete on its own (a host's own decider and stream), so it is checked too. */
const kernelExample = (): string => {
  const readme = readFileSync(join(root, "packages", "kernel", "README.md"), "utf8");
  const snippet = /## Example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (snippet === undefined) throw new Error("packages/kernel/README.md has no ```ts block under 'Example'");
  return `${snippet}\nif (outcome._tag !== "Right") throw new Error(outcome.left.message);\nconsole.log("kernel example", outcome.right.revision);\n`;
};

const publicPackages = readdirSync(join(root, "packages"))
  .map((dir) => JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")))
  .filter((manifest: { private?: boolean }) => manifest.private !== true)
  .map((manifest: { name: string; version: string }) => manifest);

const tarballOf = (name: string, version: string): string =>
  join(tarballs, `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`);

const devVersion = (name: string, from = ""): string => {
  const manifest = JSON.parse(readFileSync(join(root, from, "node_modules", name, "package.json"), "utf8"));
  return manifest.version as string;
};

beforeAll(async () => {
  for (const { name } of publicPackages) {
    const dir = name.replace("@insieme/", "");
    if (!existsSync(join(root, "packages", dir, "dist", "index.js")))
      throw new Error(`${name} is not built: run \`pnpm build\` before this test`);
  }
  mkdirSync(tarballs);
  const packed = await pnpm(["-r", "--filter", "./packages/*", "pack", "--pack-destination", tarballs], root);
  expect(packed.code, packed.output).toBe(0);
  mkdirSync(host);
  const overrides = Object.fromEntries(
    publicPackages.map(({ name, version }) => [name, `file:${tarballOf(name, version)}`]),
  );
  writeFileSync(
    join(host, "package.json"),
    JSON.stringify(
      {
        name: "insieme-host",
        private: true,
        type: "module",
        dependencies: {
          "@insieme/domain": overrides["@insieme/domain"],
          "fp-ts": devVersion("fp-ts", "packages/kernel"),
          zod: devVersion("zod", "packages/kernel"),
          "@insieme/kernel": overrides["@insieme/kernel"],
          "@insieme/statistics": overrides["@insieme/statistics"],
        },
        devDependencies: { "@types/node": devVersion("@types/node"), typescript: devVersion("typescript") },
        pnpm: { overrides },
      },
      null,
      2,
    ),
  );
  const store = (await pnpm(["store", "path"], root)).output.trim().split("\n").at(-1) ?? "";
  const installed = await pnpm(
    ["install", "--prefer-offline", "--store-dir", store, "--config.confirmModulesPurge=false"],
    host,
  );
  expect(installed.code, installed.output).toBe(0);
  mkdirSync(join(host, "src"));
  writeFileSync(join(host, "src", "readme.ts"), readmeExample());
  writeFileSync(join(host, "src", "kernel-readme.ts"), kernelExample());
  const common = { target: "ES2022", strict: true, skipLibCheck: false, types: ["node"] };
  writeFileSync(
    join(host, "tsconfig.nodenext.json"),
    JSON.stringify({
      compilerOptions: { ...common, module: "nodenext", moduleResolution: "nodenext", outDir: "out" },
      include: ["src"],
    }),
  );
  writeFileSync(
    join(host, "tsconfig.bundler.json"),
    JSON.stringify({
      compilerOptions: { ...common, module: "preserve", moduleResolution: "bundler", noEmit: true },
      include: ["src"],
    }),
  );
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed packages in a host project", () => {
  it("type-checks the README's API example under module nodenext", async () => {
    const checked = await run(
      process.execPath,
      [join(host, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.nodenext.json"],
      host,
    );
    expect(checked.output).toBe("");
    expect(checked.code).toBe(0);
  }, 300_000);

  it("type-checks the README's API example under moduleResolution bundler", async () => {
    const checked = await run(
      process.execPath,
      [join(host, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.bundler.json"],
      host,
    );
    expect(checked.output).toBe("");
    expect(checked.code).toBe(0);
  }, 300_000);

  it("runs the README's API example and the kernel README's, compiled, with node", async () => {
    const compiled = join(host, "out", "readme.js");
    if (!existsSync(compiled)) {
      const built = await run(
        process.execPath,
        [join(host, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.nodenext.json"],
        host,
      );
      expect(built.code, built.output).toBe(0);
    }
    const ran = await run(process.execPath, [compiled], host);
    expect(ran.code, ran.output).toBe(0);
    expect(ran.output).toContain("applicationsTrend, applicantsProfile, referrers");
    const kernel = await run(process.execPath, [join(host, "out", "kernel-readme.js")], host);
    expect(kernel.code, kernel.output).toBe(0);
    expect(kernel.output).toContain("kernel example 0");
  }, 120_000);

  it("require() of a package fails as documented: the packages are ESM only", async () => {
    const required = await run(process.execPath, ["-e", 'require("@insieme/kernel")'], host);
    expect(required.code).not.toBe(0);
    expect(required.output).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
    const imported = await run(
      process.execPath,
      ["-e", 'import("@insieme/kernel").then((k) => console.log(typeof k.CommandHandler))'],
      host,
    );
    expect(imported.output.trim()).toBe("function");
  }, 60_000);
});

describe("every tarball", () => {
  it.each(publicPackages.map(({ name, version }) => [name, version]))(
    "%s passes publint (warnings are errors) and arethetypeswrong (ESM only)",
    async (name, version) => {
      const tarball = tarballOf(name, version);
      const linted = await run(bin("publint"), ["run", "--strict", "--pack", "false", tarball], root);
      expect(linted.code, linted.output).toBe(0);
      expect(linted.output).toContain("All good!");
      const types = await run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii"], root);
      expect(types.code, types.output).toBe(0);
      const manifest = JSON.parse(
        readFileSync(join(root, "packages", name.replace("@insieme/", ""), "package.json"), "utf8"),
      );
      for (const key of [
        "description",
        "keywords",
        "homepage",
        "bugs",
        "repository",
        "license",
        "files",
        "exports",
        "types",
        "engines",
      ])
        expect(manifest[key], `${name}: ${key}`).toBeDefined();
      expect(manifest.repository.directory).toBe(`packages/${name.replace("@insieme/", "")}`);
      expect(manifest.engines).toEqual(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).engines);
      expect(
        existsSync(join(root, "packages", name.replace("@insieme/", ""), "README.md")),
        `${name}: README.md`,
      ).toBe(true);
    },
    120_000,
  );
});
