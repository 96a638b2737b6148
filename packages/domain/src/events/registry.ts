import { defineEvent, type EventDefinition, type EventOf, EventRegistry } from "@insieme/kernel";
import type { z } from "zod";
import { ConfigurationRef } from "../configuration/schema.js";
import { candidateEvents } from "./candidate-events.js";
import { companyEvents } from "./company-events.js";
import { correctionEvents } from "./correction-events.js";
import { fundEvents } from "./fund-events.js";
import { personEvents } from "./person-events.js";
import { projectEvents } from "./project-events.js";

/** A correction of a recorded fact: written on the stream of the fact (candidate, company, project, fund). */
export type CorrectionEvent = EventOf<(typeof correctionEvents)[number]>;
export type CandidateEvent = EventOf<(typeof candidateEvents)[number]> | CorrectionEvent;
export type CompanyEvent = EventOf<(typeof companyEvents)[number]> | CorrectionEvent;
export type ProjectEvent = EventOf<(typeof projectEvents)[number]> | CorrectionEvent;
export type FundEvent = EventOf<(typeof fundEvents)[number]> | CorrectionEvent;
export type PersonEvent = EventOf<(typeof personEvents)[number]>;
export type InsiemeEvent = CandidateEvent | CompanyEvent | ProjectEvent | FundEvent | PersonEvent;

/**
 * Every stored event records the configuration version that decided it: its data carries `configuration`
 * (`ConfigurationRef`), stamped by the service when it appends. The per-file definitions describe what deciders
 * produce (schema version n, 1 today); the stored schema is version n + 1, and an upcaster lifts data of version n
 * — written before configurations were recorded — with `configuration: null` ("decided by an unrecorded
 * configuration"), so existing journals still replay. When an event's own data changes later, bump its definition
 * and give its new upcasters here, keeping stored version numbers where they are.
 */
// biome-ignore lint/suspicious/noExplicitAny: definitions of different data types share one wrapper
const decidedUnder = (def: EventDefinition<string, any>): EventDefinition => {
  const schema = def.schema as unknown as z.ZodObject<z.ZodRawShape>;
  return defineEvent(def.type, schema.extend({ configuration: ConfigurationRef.nullable() }), {
    version: def.version + 1,
    upcasters: [
      ...def.upcasters,
      { from: def.version, up: (data) => ({ ...(data as object), configuration: null }), schema },
    ],
  }) as EventDefinition;
};

/** Every event of the domain, for stores, journals and projections. */
// The cast names the union once: `of` cannot distribute its inference over a spread of five tuples.
export const domainRegistry = EventRegistry.of(
  [
    ...candidateEvents,
    ...companyEvents,
    ...projectEvents,
    ...fundEvents,
    ...personEvents,
    ...correctionEvents,
  ].map(decidedUnder),
) as unknown as EventRegistry<InsiemeEvent>;

/** The configuration version an event's stored data records (null: decided before configurations were recorded). */
export const decidedBy = (data: unknown): ConfigurationRef | null =>
  (data as { configuration?: ConfigurationRef | null } | null)?.configuration ?? null;

/** The data of the event of type `T`. */
export type EventData<T extends InsiemeEvent["type"]> = Extract<InsiemeEvent, { type: T }>["data"];
