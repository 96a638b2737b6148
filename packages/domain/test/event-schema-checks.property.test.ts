import { isDeepStrictEqual } from "node:util";
import { compileSchemaCheck } from "@insieme/kernel";
import { arbitraryNearValue } from "@insieme/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { domainRegistry } from "../src/events/registry.js";

/** The registry accepts stored data as it is when the compiled check passes: it must agree with zod exactly. */
describe("compiled checks of the domain's event schemas", () => {
  const definitions = domainRegistry.definitions();

  it("every event schema has a compiled check (the fast path of encode and decode)", () => {
    const missing = definitions.filter((d) => compileSchemaCheck(d.schema) === undefined).map((d) => d.type);
    expect(missing).toEqual([]);
  });

  it.each(definitions.map((d) => [d.type, d] as const))(
    "property: %s — the check passes exactly when zod accepts the data unchanged",
    (_type, definition) => {
      const check = compileSchemaCheck(definition.schema);
      if (check === undefined) throw new Error("no compiled check");
      fc.assert(
        fc.property(arbitraryNearValue(definition.schema), (value) => {
          const parsed = definition.schema.safeParse(value);
          expect(check(value)).toBe(parsed.success && isDeepStrictEqual(parsed.data, value));
        }),
        { numRuns: 300 },
      );
    },
  );
});
