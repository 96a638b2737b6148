import fc from "fast-check";
import type { z } from "zod";
import { arbitraryFromZod } from "./zod-arbitrary.js";

type Path = readonly (string | number)[];

/** Every path to a value inside `value` (the root included), objects and arrays descended. */
const pathsOf = (value: unknown, prefix: Path = []): Path[] => {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths.push(...pathsOf(value[i], [...prefix, i]));
  } else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
};

type Edit =
  | { readonly kind: "replace"; readonly with: unknown }
  | { readonly kind: "remove" }
  | { readonly kind: "add"; readonly key: string; readonly with: unknown };

/** A copy of `value` with one edit at `path`. */
const edited = (value: unknown, path: Path, edit: Edit): unknown => {
  if (path.length === 0) {
    if (edit.kind === "replace") return edit.with;
    if (edit.kind === "add" && typeof value === "object" && value !== null && !Array.isArray(value))
      return { ...value, [edit.key]: edit.with };
    return value;
  }
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && edit.kind === "remove") copy.splice(head as number, 1);
    else copy[head as number] = edited(value[head as number], rest, edit);
    return copy;
  }
  const record = value as Record<string, unknown>;
  if (rest.length === 0 && edit.kind === "remove") {
    const { [head as string]: _removed, ...others } = record;
    return others;
  }
  return { ...record, [head]: edited(record[head as string], rest, edit) };
};

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), with: fc.anything() }),
  fc.record({
    kind: fc.constant("replace" as const),
    with: fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
    ),
  }),
  fc.constant({ kind: "remove" as const }),
  fc.record({ kind: fc.constant("add" as const), key: fc.string({ maxLength: 8 }), with: fc.anything() }),
);

/**
 * Values valid for `schema`, and values one edit away from valid ones (a field replaced, removed or added
 * anywhere in the value): the inputs on which a validator must agree with the schema.
 */
export const arbitraryNearValue = <S extends z.ZodType>(schema: S): fc.Arbitrary<unknown> => {
  const valid = arbitraryFromZod(schema);
  const mutated = valid.chain((value) => {
    const paths = pathsOf(value);
    return fc
      .tuple(fc.integer({ min: 0, max: paths.length - 1 }), editArbitrary)
      .map(([i, edit]) => edited(value, paths[i] as Path, edit));
  });
  return fc.oneof(valid as fc.Arbitrary<unknown>, mutated);
};
