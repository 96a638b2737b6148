import fc from "fast-check";
import type { z } from "zod";

// zod 4 keeps each schema's definition under `_zod.def`; only what schemas of events and commands use is read here.
interface Check {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
}
interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: Check } }[];
  readonly format?: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Check[] => (def.checks ?? []).map((c) => c._zod.def);

const dateArbitrary = fc.date({
  min: new Date("2015-01-01T00:00:00.000Z"),
  max: new Date("2030-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

const stringArbitrary = (def: Def): fc.Arbitrary<string> => {
  const checks = checksOf(def);
  const format = def.format ?? checks.find((c) => c.check === "string_format")?.format;
  const regex = checks.find((c) => c.format === "regex")?.pattern;
  if (regex !== undefined) return fc.stringMatching(regex);
  switch (format) {
    case "datetime":
      return dateArbitrary.map((d) => d.toISOString());
    case "date":
      return dateArbitrary.map((d) => d.toISOString().slice(0, 10));
    case "uuid":
    case "guid":
      return fc.uuid();
    case "email":
      return fc.emailAddress();
    case "base64":
      return fc.uint8Array({ maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString("base64"));
    default: {
      const minLength = checks.find((c) => c.check === "min_length")?.minimum ?? 0;
      const maxLength = checks.find((c) => c.check === "max_length")?.maximum ?? Math.max(minLength, 20);
      return fc.string({ minLength, maxLength });
    }
  }
};

const numberArbitrary = (def: Def): fc.Arbitrary<number> => {
  const checks = checksOf(def);
  const integer = checks.some((c) => c.format === "safeint" || c.format === "int32" || c.format === "uint32");
  const lower = checks.find((c) => c.check === "greater_than");
  const upper = checks.find((c) => c.check === "less_than");
  let min = lower?.value ?? (integer ? -1_000_000 : -1e9);
  let max = upper?.value ?? (integer ? 1_000_000 : 1e9);
  if (lower !== undefined && lower.inclusive !== true)
    min += integer ? 1 : Number.EPSILON * Math.max(1, Math.abs(min));
  if (upper !== undefined && upper.inclusive !== true)
    max -= integer ? 1 : Number.EPSILON * Math.max(1, Math.abs(max));
  return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
};

/**
 * A fast-check arbitrary of values valid for a zod 4 schema, built from the schema's definition and filtered by the
 * schema itself (so refinements hold too). Throws for a schema kind it cannot generate, naming the kind.
 */
export const arbitraryFromZod = <S extends z.ZodType>(schema: S): fc.Arbitrary<z.output<S>> =>
  build(schema).filter((value) => schema.safeParse(value).success) as fc.Arbitrary<z.output<S>>;

const build = (schema: z.ZodType): fc.Arbitrary<unknown> => {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return stringArbitrary(def);
    case "number":
      return numberArbitrary(def);
    case "int":
      return fc.integer();
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "literal":
      return fc.constantFrom(...(def.values ?? []));
    case "array": {
      const checks = checksOf(def);
      const minLength = checks.find((c) => c.check === "min_length")?.minimum ?? 0;
      const maxLength = checks.find((c) => c.check === "max_length")?.maximum ?? Math.max(minLength, 5);
      return fc.array(build(def.element as z.ZodType), { minLength, maxLength });
    }
    case "tuple":
      return fc.tuple(...(def.items ?? []).map(build));
    case "object": {
      const shape = def.shape ?? {};
      const required: Record<string, fc.Arbitrary<unknown>> = {};
      const optional: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        required[key] = build(value);
        if (defOf(value).type === "optional") optional.push(key);
      }
      const requiredKeys = Object.keys(shape).filter((k) => !optional.includes(k));
      return fc.record(required, { requiredKeys }).map((o) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
        return out;
      });
    }
    case "record":
      return fc.dictionary(
        build(def.keyType as z.ZodType) as fc.Arbitrary<string>,
        build(def.valueType as z.ZodType),
        {
          maxKeys: 5,
        },
      );
    case "optional":
      return fc.option(build(def.innerType as z.ZodType), { nil: undefined });
    case "nullable":
      return fc.option(build(def.innerType as z.ZodType), { nil: null });
    case "default":
    case "readonly":
    case "nonoptional":
    case "catch":
    case "prefault":
      return build(def.innerType as z.ZodType);
    case "union":
      return fc.oneof(...(def.options ?? []).map(build));
    case "pipe":
      return build(def.in as z.ZodType);
    case "lazy":
      return build((def.getter as () => z.ZodType)());
    case "unknown":
    case "any":
      return fc.jsonValue();
    default:
      throw new Error(`arbitraryFromZod: cannot generate values for zod schema kind '${def.type}'`);
  }
};
