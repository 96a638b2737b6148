#!/usr/bin/env node
// The browser tests drive Debian's Chromium (playwright-core never downloads a browser). On a fresh Debian machine
// where we are root, install it; elsewhere say exactly what is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.INSIEME_CHROMIUM ?? "/usr/bin/chromium";
if (existsSync(chromium)) process.exit(0);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot || !existsSync("/usr/bin/apt-get")) {
  console.error(
    `ensure-chromium: ${chromium} not found; install Debian's chromium (apt-get install chromium) or set INSIEME_CHROMIUM`,
  );
  process.exit(1);
}
console.error("ensure-chromium: installing Debian's chromium for the browser tests");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"], env });
execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
  stdio: ["ignore", "ignore", "inherit"],
  env,
});
