import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

it("npm reads the workspace's configuration without a warning (pnpm's settings live in pnpm-workspace.yaml)", () => {
  // `npx --yes pnpm@10 ...` (the README's quick start) has npm read the project's .npmrc first: a pnpm-only key
  // there makes npm print `npm warn Unknown project config` on every call.
  // The environment of a person typing the quick start: without the npm_config_* variables that a running pnpm
  // (`pnpm test`) passes on to its children, which npm would warn about as "env config".
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const npm = spawnSync("npm", ["config", "get", "registry"], { cwd: root, encoding: "utf8", env });
  expect(npm.status, npm.stderr).toBe(0);
  expect(npm.stderr).not.toMatch(/npm warn/i);
  expect(readFileSync(`${root}pnpm-workspace.yaml`, "utf8")).toMatch(/^autoInstallPeers: true$/m);
  if (existsSync(`${root}.npmrc`))
    expect(readFileSync(`${root}.npmrc`, "utf8")).not.toMatch(/auto-install-peers|engine-strict|shamefully/);
});

it("the workspace's `insieme` script runs the built CLI and does not rebuild", () => {
  const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
  expect(manifest.scripts.insieme).toBe("node packages/cli/dist/bin.js");
  expect(manifest.scripts.prepare).toBe("tsc -b tsconfig.build.json");
});
