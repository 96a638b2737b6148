import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, reportJsonSchema } from "../src/index.js";

describe("report JSON", () => {
  it("docs/report.schema.json is the schema generated from the report's zod schema", () => {
    const committed = readFileSync(new URL("../../../docs/report.schema.json", import.meta.url), "utf8");
    expect(committed, "regenerate with packages/statistics/scripts/write-report-schema.ts").toBe(
      `${canonicalJson(reportJsonSchema(), 2)}\n`,
    );
  });

  it("canonical JSON parses back to the same value and does not depend on key insertion order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value, 2);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed = JSON.parse(JSON.stringify(value), (_k, v) =>
          v !== null && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(reversed, 2)).toBe(text);
      }),
    );
  });
});
