/**
 * Writes examples/published-scenario/commands.ndjson, the command file whose report reproduces the source's
 * published tables (run: pnpm tsx packages/statistics/scripts/write-published-scenario.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { PUBLISHED_SCENARIO_SEED, publishedScenario } from "@insieme/scenarios";
import { canonicalJson } from "../src/index.js";

const dir = new URL("../../../examples/published-scenario/", import.meta.url);
mkdirSync(dir, { recursive: true });
const lines: string[] = [];
for (const command of publishedScenario(PUBLISHED_SCENARIO_SEED)) lines.push(canonicalJson(command));
writeFileSync(new URL("commands.ndjson", dir), `${lines.join("\n")}\n`);
console.log(
  `wrote ${lines.length} commands (seed ${PUBLISHED_SCENARIO_SEED}) to ${new URL("commands.ndjson", dir).pathname}`,
);
