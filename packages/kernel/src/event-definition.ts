import type { z } from "zod";
import type { DomainEvent } from "./envelope.js";

/** Lifts the data of version `from` to version `from + 1`. `schema` (optional) validates the old data first. */
export interface Upcaster {
  readonly from: number;
  readonly up: (data: unknown) => unknown;
  readonly schema?: z.ZodType;
}

/** An event type: its name, the current schema version of its data, the zod schema, and how older versions are lifted. */
export interface EventDefinition<T extends string = string, D = unknown> {
  readonly type: T;
  readonly version: number;
  readonly schema: z.ZodType<D>;
  readonly upcasters: readonly Upcaster[];
  /** Builds the domain event (no validation: deciders produce typed data). */
  readonly create: (data: D) => DomainEvent<T, D>;
}

export const defineEvent = <T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  options: { readonly version?: number; readonly upcasters?: readonly Upcaster[] } = {},
): EventDefinition<T, z.output<S>> => {
  const version = options.version ?? 1;
  const upcasters = options.upcasters ?? [];
  if (!Number.isInteger(version) || version < 1)
    throw new RangeError(`event ${type}: version must be an integer >= 1`);
  for (const u of upcasters) {
    if (u.from < 1 || u.from >= version)
      throw new RangeError(`event ${type}: upcaster from v${u.from} is outside 1..${version - 1}`);
  }
  return {
    type,
    version,
    schema: schema as z.ZodType<z.output<S>>,
    upcasters,
    create: (data) => ({ type, data }),
  };
};

/** The domain event type described by a definition. */
export type EventOf<Def> = Def extends EventDefinition<infer T, infer D> ? DomainEvent<T, D> : never;
