import { createHash, type Hash } from "node:crypto";
import { canonicalJson, type EventDecodeError, type EventStore, type RecordedEvent } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { statisticsProjections } from "./statistics.js";

type Handler = (state: unknown, event: RecordedEvent) => unknown;

/** The states of every statistic's projection, keyed by projection name. */
export type StatisticsStates = Record<string, unknown>;

/**
 * Applies events to every statistic's projection in one pass. Handlers are looked up once per event type
 * (a table built up front), so the per-event cost is one map lookup and the handlers' own increments. A
 * `FactCorrected` is dispatched like any event: each projection that reads the corrected type takes the fact off as
 * it stood and counts it as corrected, so applying events one by one (a live consumer) and replaying them all give
 * the same states.
 */
export class StatisticsReplay {
  private readonly states: unknown[];
  private readonly names: string[];
  /** Per event type, the handlers and the slots of the states they update (parallel arrays). */
  private readonly dispatch = new Map<string, { readonly slots: number[]; readonly handlers: Handler[] }>();
  private last: RecordedEvent | null = null;
  private count = 0;

  constructor(initial?: StatisticsStates) {
    const projections = statisticsProjections();
    this.names = projections.map((p) => p.name);
    this.states = projections.map((p) => initial?.[p.name] ?? p.initialState());
    projections.forEach((p, slot) => {
      for (const [type, handler] of Object.entries(p.handlers)) {
        if (handler === undefined) continue;
        const entry = this.dispatch.get(type) ?? { slots: [], handlers: [] };
        entry.slots.push(slot);
        entry.handlers.push(handler as Handler);
        this.dispatch.set(type, entry);
      }
    });
  }

  apply(event: RecordedEvent): void {
    const targets = this.dispatch.get(event.type);
    if (targets !== undefined) {
      const { slots, handlers } = targets;
      const states = this.states;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as number;
        states[slot] = (handlers[i] as Handler)(states[slot], event);
      }
    }
    this.last = event;
    this.count++;
  }

  /** Applies `events` in order (corrections among them counted where they stand). */
  applyAll(events: Iterable<RecordedEvent>): this {
    for (const event of events) this.apply(event);
    return this;
  }

  /** The event types any statistic reads (a store filter for faster reads). */
  eventTypes(): readonly string[] {
    return [...this.dispatch.keys()];
  }

  snapshot(): StatisticsStates {
    return Object.fromEntries(this.names.map((n, i) => [n, this.states[i]]));
  }

  get lastPosition(): number | null {
    return this.last === null ? null : this.last.position;
  }

  get eventsApplied(): number {
    return this.count;
  }
}

export interface StoreReplayOptions {
  /** Stop before the first event recorded after this instant (ISO-8601): the report as it was then. */
  readonly asOf?: string | null;
  /** Decoding (upcast and validate) of stored events; without it events are taken as they are. */
  readonly decode?: (event: RecordedEvent) => Either<EventDecodeError, RecordedEvent>;
  /** Called every `progressEvery` events with the count so far. */
  readonly onProgress?: (events: number) => void;
  readonly progressEvery?: number;
  /**
   * Hash the replayed events (canonical JSON, SHA-256) for the report's provenance. Default true; a hash-chained
   * journal cites its own chain hash instead, so its replays skip this second serialisation of every event.
   */
  readonly hashEvents?: boolean;
}

export interface StoreReplayResult {
  readonly replay: StatisticsReplay;
  readonly lastPosition: number | null;
  readonly events: number;
  /** SHA-256 (hex) over the canonical JSON of every replayed event, one line each; null when not asked for. */
  readonly eventsHash: string | null;
}

/**
 * Reads a store's log from the start (up to `asOf`) into every statistic, hashing what it read, in one pass. A
 * correction is counted where it stands in the log (the fact taken off as it stood, counted as corrected): a report
 * `--as-of` a moment before a correction counts the fact as it was then known, and one after it counts it
 * corrected.
 */
export const replayStore = async (
  store: EventStore,
  options: StoreReplayOptions = {},
): Promise<Either<EventDecodeError, StoreReplayResult>> => {
  const asOf = options.asOf ?? null;
  const replay = new StatisticsReplay();
  const hash: Hash | null = options.hashEvents === false ? null : createHash("sha256");
  const every = options.progressEvery ?? 10_000;
  let events = 0;
  let lastPosition: number | null = null;
  for await (const stored of store.readAll()) {
    if (asOf !== null && stored.recordedAt > asOf) break;
    if (hash !== null) {
      hash.update(canonicalJson(stored));
      hash.update("\n");
    }
    let event = stored;
    if (options.decode !== undefined) {
      const decoded = options.decode(stored);
      if (E.isLeft(decoded)) return decoded;
      event = decoded.right;
    }
    replay.apply(event);
    lastPosition = stored.position;
    events++;
    if (options.onProgress !== undefined && events % every === 0) options.onProgress(events);
  }
  return E.right({ replay, lastPosition, events, eventsHash: hash === null ? null : hash.digest("hex") });
};

/** The hash a report cites: the journal's chain hash when there is one, else the replayed events' hash. */
export const journalHashOf = (
  chainHead: string | null,
  eventsHash: string | null,
): { readonly kind: "chain-head" | "sha256-canonical-events"; readonly value: string } => {
  if (chainHead !== null) return { kind: "chain-head", value: chainHead };
  if (eventsHash === null)
    throw new Error("journalHashOf: a replay without a chain hash must hash its events");
  return { kind: "sha256-canonical-events", value: eventsHash };
};
