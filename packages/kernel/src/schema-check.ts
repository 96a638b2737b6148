import type { z } from "zod";
import { isValidBase64 } from "zod/v4/core";

/** True when the value is valid AND zod's output would equal it (nothing to strip, default or transform). */
export type SchemaCheck = (value: unknown) => boolean;

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly fn?: (value: unknown) => unknown;
}

interface SchemaDef {
  readonly type: string;
  readonly coerce?: boolean;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Unsupported construct: the caller keeps using zod for this schema. */
class Unsupported extends Error {}

const matches = (pattern: RegExp, value: string): boolean => {
  pattern.lastIndex = 0;
  return pattern.test(value);
};

/** String formats whose zod check is exactly their pattern. */
const PATTERN_FORMATS = new Set(["regex", "date", "datetime", "time", "email", "uuid"]);

const formatCheck = (format: string, pattern: RegExp | undefined): ((value: string) => boolean) => {
  if (format === "base64") return isValidBase64;
  if (!PATTERN_FORMATS.has(format) || pattern === undefined) throw new Unsupported(`format ${format}`);
  return (value) => matches(pattern, value);
};

const sizeOf = (value: unknown): number => (value as { length: number }).length;

const checkOf = (owner: string, def: CheckDef): ((value: unknown) => boolean) => {
  switch (def.check) {
    case "string_format":
      return formatCheck(def.format ?? "", def.pattern) as (value: unknown) => boolean;
    case "number_format":
      if (def.format === "safeint") return (v) => Number.isSafeInteger(v);
      throw new Unsupported(`number format ${def.format}`);
    case "greater_than": {
      const min = def.value as number;
      return def.inclusive === true ? (v) => (v as number) >= min : (v) => (v as number) > min;
    }
    case "less_than": {
      const max = def.value as number;
      return def.inclusive === true ? (v) => (v as number) <= max : (v) => (v as number) < max;
    }
    case "min_length": {
      const min = def.minimum as number;
      return (v) => sizeOf(v) >= min;
    }
    case "max_length": {
      const max = def.maximum as number;
      return (v) => sizeOf(v) <= max;
    }
    case "length_equals": {
      const length = def.length as number;
      return (v) => sizeOf(v) === length;
    }
    case "custom": {
      const fn = def.fn;
      if (fn === undefined) throw new Unsupported(`${owner} custom check without a function`);
      return (v) => {
        const result = fn(v);
        return Boolean(result) && !(result instanceof Promise);
      };
    }
    default:
      throw new Unsupported(`${owner} check ${def.check}`);
  }
};

const withChecks = (base: (value: unknown) => boolean, def: SchemaDef): ((value: unknown) => boolean) => {
  const checks = (def.checks ?? []).map((c) => checkOf(def.type, c._zod.def));
  if (checks.length === 0) return base;
  return (value) => {
    if (!base(value)) return false;
    for (const check of checks) if (!check(value)) return false;
    return true;
  };
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const objectCheck = (def: SchemaDef): ((value: unknown) => boolean) => {
  if (def.catchall !== undefined && defOf(def.catchall).type !== "never")
    throw new Unsupported("object with a catchall");
  const entries = Object.entries(def.shape ?? {}).map(([key, schema]) => ({
    key,
    optional: defOf(schema).type === "optional",
    check: compile(schema),
  }));
  const known = new Set(entries.map((e) => e.key));
  return (value) => {
    if (!isObject(value)) return false;
    let present = 0;
    for (const entry of entries) {
      const field = value[entry.key];
      if (field === undefined && !(entry.key in value)) {
        if (!entry.optional) return false;
        continue;
      }
      present++;
      if (!entry.check(field)) return false;
    }
    // Unknown keys: zod would strip them (or refuse them, for a strict object); either way not "as is".
    if (present === known.size) {
      let keys = 0;
      for (const _key in value) keys++;
      if (keys === present) return true;
    }
    for (const key of Object.keys(value)) if (!known.has(key)) return false;
    return true;
  };
};

const compile = (schema: z.ZodType): ((value: unknown) => boolean) => {
  const def = defOf(schema);
  if (def.coerce === true) throw new Unsupported(`coerced ${def.type}`);
  switch (def.type) {
    case "string": {
      const format = def.format === undefined ? null : formatCheck(def.format, def.pattern);
      return withChecks(
        format === null ? (v) => typeof v === "string" : (v) => typeof v === "string" && format(v),
        def,
      );
    }
    case "number":
      if (def.format !== undefined) throw new Unsupported(`number format ${def.format}`);
      return withChecks((v) => typeof v === "number" && Number.isFinite(v), def);
    case "boolean":
      return withChecks((v) => typeof v === "boolean", def);
    case "enum": {
      const values = new Set(Object.values(def.entries ?? {}));
      return withChecks((v) => values.has(v), def);
    }
    case "literal": {
      const values = new Set(def.values ?? []);
      return withChecks((v) => values.has(v), def);
    }
    case "nullable": {
      const inner = compile(def.innerType as z.ZodType);
      return withChecks((v) => v === null || inner(v), def);
    }
    case "optional": {
      const inner = compile(def.innerType as z.ZodType);
      return withChecks((v) => v === undefined || inner(v), def);
    }
    case "array": {
      const element = compile(def.element as z.ZodType);
      return withChecks((v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      }, def);
    }
    case "object":
      return withChecks(objectCheck(def), def);
    default:
      throw new Unsupported(`type ${def.type}`);
  }
};

/**
 * A fast predicate equivalent to a zod schema on the values it accepts: when it returns true, `schema.parse`
 * would succeed and return an equal value, so the value can be used as it is. It returns false for anything
 * else (invalid, or valid only after stripping unknown keys); callers then run zod, which gives the error or the
 * cleaned value. Schemas with constructs it does not know (transforms, defaults, unions, ...) give undefined:
 * use zod alone. Property-tested against zod on generated and mutated values.
 */
export const compileSchemaCheck = (schema: z.ZodType): SchemaCheck | undefined => {
  try {
    return compile(schema);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
};
