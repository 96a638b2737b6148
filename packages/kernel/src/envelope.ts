/** Who caused an event: an operator, a company user, a system job, ... The role is the domain's own vocabulary. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** A domain event as deciders see it: a type name and its data (always the current schema version). */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** An event on its way into a store. Ids and times are supplied by the caller, never invented by the store. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  /** Schema version of `data`. */
  readonly version: number;
  readonly data: unknown;
  /** Domain time: when the fact happened, ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly actor: Actor;
}

/** An event as a store returns it: the new event plus where and when the store put it. */
export interface RecordedEvent<T extends string = string, D = unknown> {
  readonly eventId: string;
  readonly streamId: string;
  /** 0-based revision inside its stream. */
  readonly revision: number;
  /** Global position, strictly increasing in the store's single total order (not necessarily contiguous). */
  readonly position: number;
  readonly type: T;
  readonly version: number;
  readonly data: D;
  readonly occurredAt: string;
  /** Store time: when the store recorded it, ISO-8601 UTC, non-decreasing along global positions. */
  readonly recordedAt: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly actor: Actor;
}
