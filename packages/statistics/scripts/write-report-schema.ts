/** Writes docs/report.schema.json from the report's zod schema (run: pnpm tsx packages/statistics/scripts/write-report-schema.ts). */
import { writeFileSync } from "node:fs";
import { canonicalJson, reportJsonSchema } from "../src/index.js";

const target = new URL("../../../docs/report.schema.json", import.meta.url);
writeFileSync(target, `${canonicalJson(reportJsonSchema(), 2)}\n`);
console.log(`wrote ${target.pathname}`);
