import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);

it("the README's API example runs as written", async () => {
  const readme = readFileSync(new URL("README.md", root), "utf8");
  const snippet = /## A taste of the API[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet, "README.md has a ```ts block under 'A taste of the API'").toBeDefined();
  const dir = fileURLToPath(new URL(".tmp/readme/", root));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}snippet-${process.pid}.ts`;
  writeFileSync(file, snippet ?? "");
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(" "));
  try {
    const module = (await import(/* @vite-ignore */ file)) as { applied: { _tag: string } };
    expect(module.applied, JSON.stringify(module.applied)).toMatchObject({ _tag: "Right" });
  } finally {
    console.log = log;
    rmSync(file, { force: true });
  }
  expect(lines.join("\n")).toContain("applicationsTrend, applicantsProfile, referrers");
});
