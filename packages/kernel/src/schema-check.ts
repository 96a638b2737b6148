import type { z } from "zod";
import { globalConfig, isValidBase64 } from "zod/v4/core";

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

/** String formats whose zod check is exactly their pattern. */
const PATTERN_FORMATS = new Set(["regex", "date", "datetime", "time", "email", "uuid", "guid"]);

/**
 * zod's base64 rule (`isValidBase64`: no whitespace, a multiple of 4 characters, accepted by `atob`), answered
 * without decoding for canonical text: `atob` accepts every string of base64 characters with at most two `=` at
 * the end whose length is a multiple of 4. Anything else is left to zod's own function.
 */
const CANONICAL_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isBase64 = (value: string): boolean =>
  (value.length % 4 === 0 && CANONICAL_BASE64.test(value)) || isValidBase64(value);

/** zod's refinement rule: a truthy, synchronous result passes. */
const refinementPasses = (result: unknown): boolean => Boolean(result) && !(result instanceof Promise);

/**
 * Generates the source of a check, one statement list per schema node, each `return false` on failure.
 * Values the source cannot spell (patterns, functions, sets) are passed in `constants` and read as `c[i]`.
 */
class CheckWriter {
  readonly constants: unknown[] = [];
  private names = 0;

  constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }

  name(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  literal(value: unknown): string {
    if (typeof value === "string" || typeof value === "boolean" || value === null)
      return JSON.stringify(value);
    if (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)) return String(value);
    return this.constant(value);
  }

  format(format: string, pattern: RegExp | undefined, v: string): string {
    if (format === "base64") return `if (!${this.constant(isBase64)}(${v})) return false;`;
    if (!PATTERN_FORMATS.has(format) || pattern === undefined) throw new Unsupported(`format ${format}`);
    const regex = this.constant(pattern);
    const reset = pattern.global || pattern.sticky ? `${regex}.lastIndex = 0; ` : "";
    return `${reset}if (!${regex}.test(${v})) return false;`;
  }

  check(owner: string, def: CheckDef, v: string): string {
    switch (def.check) {
      case "string_format":
        return this.format(def.format ?? "", def.pattern, v);
      case "number_format":
        if (def.format === "safeint") return `if (!Number.isSafeInteger(${v})) return false;`;
        throw new Unsupported(`number format ${def.format}`);
      case "greater_than":
        return `if (!(${v} ${def.inclusive === true ? ">=" : ">"} ${this.literal(def.value)})) return false;`;
      case "less_than":
        return `if (!(${v} ${def.inclusive === true ? "<=" : "<"} ${this.literal(def.value)})) return false;`;
      case "min_length":
        return `if (${v}.length < ${this.literal(def.minimum)}) return false;`;
      case "max_length":
        return `if (${v}.length > ${this.literal(def.maximum)}) return false;`;
      case "length_equals":
        return `if (${v}.length !== ${this.literal(def.length)}) return false;`;
      case "custom":
        if (def.fn === undefined) throw new Unsupported(`${owner} custom check without a function`);
        return `if (!${this.constant(refinementPasses)}(${this.constant(def.fn)}(${v}))) return false;`;
      default:
        throw new Unsupported(`${owner} check ${def.check}`);
    }
  }

  checks(def: SchemaDef, v: string): string {
    return (def.checks ?? []).map((c) => this.check(def.type, c._zod.def, v)).join("\n");
  }

  schema(schema: z.ZodType, v: string): string {
    const def = defOf(schema);
    if (def.coerce === true) throw new Unsupported(`coerced ${def.type}`);
    switch (def.type) {
      case "string": {
        const format = def.format === undefined ? "" : this.format(def.format, def.pattern, v);
        return `if (typeof ${v} !== "string") return false;\n${format}\n${this.checks(def, v)}`;
      }
      case "number":
        if (def.format !== undefined) throw new Unsupported(`number format ${def.format}`);
        return `if (typeof ${v} !== "number" || !Number.isFinite(${v})) return false;\n${this.checks(def, v)}`;
      case "boolean":
        return `if (typeof ${v} !== "boolean") return false;\n${this.checks(def, v)}`;
      case "enum":
        return `${this.oneOf(Object.values(def.entries ?? {}), v)}\n${this.checks(def, v)}`;
      case "literal":
        return `${this.oneOf(def.values ?? [], v)}\n${this.checks(def, v)}`;
      case "nullable":
        return `if (${v} !== null) {\n${this.schema(def.innerType as z.ZodType, v)}\n}\n${this.checks(def, v)}`;
      case "optional":
        return `if (${v} !== undefined) {\n${this.schema(def.innerType as z.ZodType, v)}\n}\n${this.checks(def, v)}`;
      case "array": {
        const i = this.name("i");
        const item = this.name("v");
        return [
          `if (!Array.isArray(${v})) return false;`,
          `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
          `const ${item} = ${v}[${i}];`,
          this.schema(def.element as z.ZodType, item),
          "}",
          this.checks(def, v),
        ].join("\n");
      }
      case "object":
        return `${this.object(def, v)}\n${this.checks(def, v)}`;
      case "unknown":
      case "any":
        return this.checks(def, v);
      default:
        throw new Unsupported(`type ${def.type}`);
    }
  }

  private oneOf(values: readonly unknown[], v: string): string {
    if (values.length <= 8) {
      const tests = values.map((value) => `${v} !== ${this.literal(value)}`);
      return `if (${tests.length === 0 ? "true" : tests.join(" && ")}) return false;`;
    }
    return `if (!${this.constant(new Set(values))}.has(${v})) return false;`;
  }

  private object(def: SchemaDef, v: string): string {
    if (def.catchall !== undefined && defOf(def.catchall).type !== "never")
      throw new Unsupported("object with a catchall");
    const shape = Object.entries(def.shape ?? {});
    const present = this.name("n");
    const lines = [
      `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return false;`,
      `let ${present} = 0;`,
    ];
    for (const [key, field] of shape) {
      if (key === "__proto__") throw new Unsupported("a key named __proto__");
      const f = this.name("v");
      const k = JSON.stringify(key);
      lines.push(`const ${f} = ${v}[${k}];`);
      if (defOf(field).type === "optional") {
        lines.push(`if (${f} !== undefined) ${present}++; else if (${k} in ${v}) ${present}++;`);
      } else {
        lines.push(`if (${f} === undefined && !(${k} in ${v})) return false;`, `${present}++;`);
      }
      lines.push(this.schema(field, f));
    }
    // Unknown keys: zod would strip them (or refuse them, for a strict object); either way not "as is".
    const known = this.constant(new Set(shape.map(([key]) => key)));
    const keys = this.name("k");
    lines.push(
      `let ${keys} = 0;`,
      `for (const _ in ${v}) ${keys}++;`,
      `if (${keys} !== ${present}) { for (const key of Object.keys(${v})) if (!${known}.has(key)) return false; }`,
    );
    return lines.join("\n");
  }
}

/** Whether generated code may run: zod's own `jitless` setting (e.g. under a CSP) says no. */
const mayGenerateCode = (): boolean => globalConfig.jitless !== true;

/**
 * A fast predicate equivalent to a zod schema on the values it accepts: when it returns true, `schema.parse`
 * would succeed and return an equal value, so the value can be used as it is. It returns false for anything
 * else (invalid, or valid only after stripping unknown keys); callers then run zod, which gives the error or the
 * cleaned value. The check is generated code, like zod's own object parser, so each schema gets its own
 * monomorphic property reads. Schemas with constructs it does not know (transforms, defaults, unions, ...)
 * give undefined, as does a host that forbids generated code: use zod alone. Property-tested against zod.
 */
export const compileSchemaCheck = (schema: z.ZodType): SchemaCheck | undefined => {
  if (!mayGenerateCode()) return undefined;
  const writer = new CheckWriter();
  let body: string;
  try {
    body = writer.schema(schema, "v");
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  try {
    const factory = new Function("c", `return function check(v) {\n${body}\nreturn true;\n};`);
    return factory(writer.constants) as SchemaCheck;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
};
