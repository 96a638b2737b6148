import { type EventOf, EventRegistry } from "@insieme/kernel";
import { candidateEvents } from "./candidate-events.js";
import { companyEvents } from "./company-events.js";
import { fundEvents } from "./fund-events.js";
import { personEvents } from "./person-events.js";
import { projectEvents } from "./project-events.js";

export type CandidateEvent = EventOf<(typeof candidateEvents)[number]>;
export type CompanyEvent = EventOf<(typeof companyEvents)[number]>;
export type ProjectEvent = EventOf<(typeof projectEvents)[number]>;
export type FundEvent = EventOf<(typeof fundEvents)[number]>;
export type PersonEvent = EventOf<(typeof personEvents)[number]>;
export type InsiemeEvent = CandidateEvent | CompanyEvent | ProjectEvent | FundEvent | PersonEvent;

/** Every event of the domain, for stores, journals and projections. */
// The cast names the union once: `of` cannot distribute its inference over a spread of five tuples.
export const domainRegistry = EventRegistry.of([
  ...candidateEvents,
  ...companyEvents,
  ...projectEvents,
  ...fundEvents,
  ...personEvents,
]) as unknown as EventRegistry<InsiemeEvent>;

/** The data of the event of type `T`. */
export type EventData<T extends InsiemeEvent["type"]> = Extract<InsiemeEvent, { type: T }>["data"];
