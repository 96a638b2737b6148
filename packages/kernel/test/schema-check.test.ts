import { isDeepStrictEqual } from "node:util";
import { arbitraryNearValue } from "@insieme/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileSchemaCheck } from "../src/schema-check.js";

const Residence = z
  .object({ istat: z.string().regex(/^\d{6}$/), quartiere: z.enum(["navile", "savena"]).nullable() })
  .refine((r) => (r.istat === "037006") === (r.quartiere !== null), { path: ["quartiere"] });

/** One schema with every construct the check supports. */
const Everything = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,16}$/),
  on: z.iso.date(),
  at: z.iso.datetime().optional(),
  blob: z.base64(),
  name: z.string().min(1).max(12),
  count: z.number().int().min(0).max(1000),
  ratio: z.number().gt(0).lt(1),
  flag: z.boolean(),
  kind: z.enum(["a", "b"]),
  version: z.literal(2),
  residence: Residence,
  tags: z
    .array(z.object({ tag: z.string(), weight: z.number() }))
    .min(1)
    .max(3),
  note: z.string().nullable(),
  strict: z.strictObject({ x: z.number() }).optional(),
});

const check = compileSchemaCheck(Everything) as (value: unknown) => boolean;

const valid = {
  id: "abc-1",
  on: "2020-02-29",
  blob: "aGVsbG8=",
  name: "Mario",
  count: 3,
  ratio: 0.5,
  flag: true,
  kind: "a",
  version: 2,
  residence: { istat: "037006", quartiere: "navile" },
  tags: [{ tag: "x", weight: 1.5 }],
  note: null,
};

/** The check's contract: true exactly when zod accepts the value and returns it unchanged. */
const zodReturnsItUnchanged = (schema: z.ZodType, value: unknown): boolean => {
  const parsed = schema.safeParse(value);
  return parsed.success && isDeepStrictEqual(parsed.data, value);
};

describe("compiled schema check", () => {
  it("accepts a valid value as it is", () => {
    expect(check).toBeTypeOf("function");
    expect(check(valid)).toBe(true);
    expect(check({ ...valid, at: "2020-01-01T10:00:00Z", strict: { x: 1 } })).toBe(true);
    for (const blob of ["", "aGVsbA==", "aGVsbG8h", "a+/="]) expect(check({ ...valid, blob })).toBe(true);
  });

  it.each([
    ["a bad pattern", { id: "ABC" }],
    ["an impossible date", { on: "2021-02-29" }],
    ["bad base64", { blob: "abc" }],
    ["base64 with whitespace (atob would ignore it, zod does not)", { blob: "aGV sbG8" }],
    ["base64 with three padding characters", { blob: "aG===" }],
    ["a string too long", { name: "x".repeat(13) }],
    ["a fraction where an integer is required", { count: 1.5 }],
    ["a number out of range", { count: 1001 }],
    ["an exclusive bound reached", { ratio: 1 }],
    ["Infinity", { ratio: Number.POSITIVE_INFINITY }],
    ["a value outside the enum", { kind: "c" }],
    ["another literal", { version: 1 }],
    ["a failed refinement", { residence: { istat: "037001", quartiere: "navile" } }],
    ["too many array items", { tags: [1, 2, 3, 4].map(() => ({ tag: "x", weight: 1 })) }],
    ["an invalid array item", { tags: [{ tag: 1, weight: 1 }] }],
    ["a missing required field", { note: undefined }],
    ["an unknown key zod would strip", { extra: 1 }],
    ["an unknown key in a strict object", { strict: { x: 1, y: 2 } }],
  ])("refuses %s", (_label, change) => {
    const value = { ...valid, ...change };
    expect(check(value)).toBe(false);
    expect(zodReturnsItUnchanged(Everything, value)).toBe(false);
  });

  it("gives no check for constructs it does not know, so zod alone is used", () => {
    expect(compileSchemaCheck(z.string().transform((s) => s.trim()))).toBeUndefined();
    expect(compileSchemaCheck(z.object({ n: z.number().default(1) }))).toBeUndefined();
    expect(compileSchemaCheck(z.union([z.string(), z.number()]))).toBeUndefined();
    expect(compileSchemaCheck(z.coerce.number())).toBeUndefined();
    expect(compileSchemaCheck(z.object({ a: z.string() }).catchall(z.number()))).toBeUndefined();
    expect(compileSchemaCheck(z.string().url())).toBeUndefined();
  });

  it("gives no check when zod is told not to generate code (jitless, e.g. under a CSP)", () => {
    z.config({ jitless: true });
    try {
      expect(compileSchemaCheck(Everything)).toBeUndefined();
    } finally {
      z.config({ jitless: false });
    }
    expect(compileSchemaCheck(Everything)).toBeTypeOf("function");
  });

  it("property: agrees with zod on valid values and on values one edit away from valid", () => {
    fc.assert(
      fc.property(arbitraryNearValue(Everything), (value) => {
        expect(check(value)).toBe(zodReturnsItUnchanged(Everything, value));
      }),
      { numRuns: 1000 },
    );
  });
});
