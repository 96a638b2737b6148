import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent, RecordedEvent } from "./envelope.js";
import { type EventDecodeError, eventDecodeError } from "./errors.js";
import type { EventDefinition, EventOf } from "./event-definition.js";
import { compileSchemaCheck, type SchemaCheck } from "./schema-check.js";
import { formatZodError } from "./zod-issues.js";

/** A stored event before decoding: its type, the schema version it was written with, and raw data. */
export interface RawEvent {
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
}

interface RegisteredType {
  readonly def: EventDefinition;
  readonly check: SchemaCheck | null;
}

/**
 * The set of event types a bounded context knows. It encodes domain events for storage (current version) and
 * decodes stored ones: upcasting older versions step by step, then validating against the current schema.
 * An unknown type or version is an error value, never a silent skip.
 */
export class EventRegistry<Ev extends DomainEvent = DomainEvent> {
  /** Per type, the definition and a fast check that accepts data exactly when zod would return it unchanged. */
  private readonly byType = new Map<string, RegisteredType>();

  private constructor(definitions: readonly EventDefinition[]) {
    for (const def of definitions) {
      if (this.byType.has(def.type)) throw new Error(`event type registered twice: ${def.type}`);
      this.byType.set(def.type, { def, check: compileSchemaCheck(def.schema) ?? null });
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: definitions of different data types share one registry
  static of<Defs extends readonly EventDefinition<string, any>[]>(
    definitions: Defs,
  ): EventRegistry<EventOf<Defs[number]>> {
    return new EventRegistry(definitions as readonly EventDefinition[]);
  }

  /** Merges registries of several contexts into one (types must not clash). */
  static merge<A extends DomainEvent, B extends DomainEvent>(
    a: EventRegistry<A>,
    b: EventRegistry<B>,
  ): EventRegistry<A | B> {
    return new EventRegistry([...a.definitions(), ...b.definitions()]);
  }

  definitions(): readonly EventDefinition[] {
    return [...this.byType.values()].map((t) => t.def);
  }

  types(): readonly string[] {
    return [...this.byType.keys()];
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  currentVersion(type: string): number | undefined {
    return this.byType.get(type)?.def.version;
  }

  /** The raw form to store for a domain event; validates the data against the current schema. */
  encode(event: Ev): Either<EventDecodeError, RawEvent> {
    const registered = this.byType.get(event.type);
    if (registered === undefined)
      return E.left(eventDecodeError("unknown-type", event.type, 0, `unknown event type '${event.type}'`));
    const def = registered.def;
    if (registered.check?.(event.data) === true)
      return E.right({ type: event.type, version: def.version, data: event.data });
    const parsed = def.schema.safeParse(event.data);
    if (!parsed.success) {
      return E.left(
        eventDecodeError(
          "invalid-data",
          event.type,
          def.version,
          `invalid ${event.type}: ${formatZodError(parsed.error, "data")}`,
        ),
      );
    }
    return E.right({ type: event.type, version: def.version, data: parsed.data });
  }

  /** Upcasts and validates a stored event into a current domain event. */
  decode(raw: RawEvent, at?: string | (() => string)): Either<EventDecodeError, Ev> {
    const registered = this.byType.get(raw.type);
    if (registered === undefined) {
      return E.left(
        eventDecodeError("unknown-type", raw.type, raw.version, `unknown event type '${raw.type}'`, at),
      );
    }
    const def = registered.def;
    let data = raw.data;
    if (raw.version !== def.version) {
      if (!Number.isInteger(raw.version) || raw.version < 1 || raw.version > def.version) {
        return E.left(
          eventDecodeError(
            "unknown-version",
            raw.type,
            raw.version,
            `${raw.type} v${raw.version} is not known (current is v${def.version})`,
            at,
          ),
        );
      }
      for (let v = raw.version; v < def.version; v++) {
        const upcaster = def.upcasters.find((u) => u.from === v);
        if (upcaster === undefined) {
          return E.left(
            eventDecodeError(
              "unknown-version",
              raw.type,
              raw.version,
              `no upcaster for ${raw.type} v${v} -> v${v + 1}`,
              at,
            ),
          );
        }
        if (upcaster.schema !== undefined) {
          const old = upcaster.schema.safeParse(data);
          if (!old.success) {
            return E.left(
              eventDecodeError(
                "invalid-data",
                raw.type,
                v,
                `invalid ${raw.type} v${v}: ${formatZodError(old.error, "data")}`,
                at,
              ),
            );
          }
          data = old.data;
        }
        try {
          data = upcaster.up(data);
        } catch (cause) {
          return E.left(
            eventDecodeError(
              "upcast-failed",
              raw.type,
              v,
              `upcasting ${raw.type} v${v} failed: ${String(cause)}`,
              at,
            ),
          );
        }
      }
    }
    if (registered.check?.(data) === true) return E.right({ type: raw.type, data } as Ev);
    const parsed = def.schema.safeParse(data);
    if (!parsed.success) {
      return E.left(
        eventDecodeError(
          "invalid-data",
          raw.type,
          raw.version,
          `invalid ${raw.type}: ${formatZodError(parsed.error, "data")}`,
          at,
        ),
      );
    }
    return E.right({ type: raw.type, data: parsed.data } as Ev);
  }

  /** Decodes a recorded event, keeping its envelope; the result carries the current version. */
  decodeRecorded<R extends RecordedEvent>(
    event: R,
  ): Either<EventDecodeError, RecordedEvent<Ev["type"], Ev["data"]>> {
    const decoded = this.decode(
      event,
      () => `${event.streamId}@${event.revision}, position ${event.position}`,
    );
    if (E.isLeft(decoded)) return decoded;
    const version = this.byType.get(event.type)?.def.version ?? event.version;
    // Current and valid as stored: the recorded event is already the decoded one.
    if (decoded.right.data === event.data && version === event.version)
      return E.right(event as RecordedEvent<Ev["type"], Ev["data"]>);
    return E.right({ ...event, type: decoded.right.type, version, data: decoded.right.data });
  }
}
