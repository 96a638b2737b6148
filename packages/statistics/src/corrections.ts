import type { RecordedEvent } from "@insieme/kernel";

/** A correction as the statistics apply it: the corrected event's data, or null when it was voided. */
interface Correction {
  readonly data: Readonly<Record<string, unknown>> | null;
}

interface FactCorrectedData {
  readonly correctedEventId: string;
  readonly action: "amend" | "void";
  readonly data: Readonly<Record<string, unknown>> | null;
}

/**
 * The corrections known to a replay (`FactCorrected` events, the latest one per corrected event wins), by the id of
 * the event they correct. Memory grows with the corrections, not with the events. Statistics count the corrected
 * facts: a voided event is left out, an amended one is counted with its corrected data, where it stands in the log
 * (its own `occurredAt`).
 */
export class Corrections {
  private readonly byEventId = new Map<string, Correction>();

  /** Records `event` if it is a correction; true when it was one. */
  learn(event: RecordedEvent): boolean {
    if (event.type !== "FactCorrected") return false;
    const d = event.data as FactCorrectedData;
    this.byEventId.set(d.correctedEventId, { data: d.action === "void" ? null : d.data });
    return true;
  }

  get size(): number {
    return this.byEventId.size;
  }

  /** The event as corrected: itself, its amended version, or null when it was voided. */
  apply(event: RecordedEvent): RecordedEvent | null {
    if (this.byEventId.size === 0) return event;
    const correction = this.byEventId.get(event.eventId);
    if (correction === undefined) return event;
    return correction.data === null ? null : { ...event, data: correction.data };
  }

  /** The corrections among `events` (every one, in log order). */
  static of(events: Iterable<RecordedEvent>): Corrections {
    const corrections = new Corrections();
    for (const e of events) corrections.learn(e);
    return corrections;
  }
}
