import type { DomainEvent, EventDefinition, EventRegistry } from "@insieme/kernel";
import fc from "fast-check";
import { arbitraryFromZod } from "./zod-arbitrary.js";

/** Valid events of one definition. */
export const arbitraryEvent = <T extends string, D>(
  definition: EventDefinition<T, D>,
): fc.Arbitrary<DomainEvent<T, D>> =>
  arbitraryFromZod(definition.schema).map((data) => ({ type: definition.type, data: data as D }));

/** Valid events of any type a registry knows. */
export const arbitraryEventOf = <Ev extends DomainEvent>(registry: EventRegistry<Ev>): fc.Arbitrary<Ev> =>
  fc.oneof(...registry.definitions().map((d) => arbitraryEvent(d))) as fc.Arbitrary<Ev>;
