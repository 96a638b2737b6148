import type { RecordedEvent } from "@insieme/kernel";

/**
 * A `FactCorrected` event as the statistics read it: the corrected fact as it stood just before the correction
 * (`before`) and as it stands after it (`after`, null when voided), each an event of the corrected type at the
 * corrected event's place (revision, stream, `occurredAt`). A projection takes `before` off and counts `after`:
 * the event carries both, so nothing else is read and a report is one pass over the log.
 */
export interface CorrectedFact {
  readonly type: string;
  /** The corrected event's revision in its stream (the stream of the correction). */
  readonly revision: number;
  readonly before: RecordedEvent | null;
  readonly after: RecordedEvent | null;
}

interface FactCorrectedData {
  readonly correctedEventId: string;
  readonly correctedRevision: number;
  readonly correctedType: string;
  readonly action: "amend" | "void";
  readonly data: unknown;
  readonly previousData: unknown;
  readonly correctedOccurredAt: string;
}

const asData = (value: unknown): Readonly<Record<string, unknown>> | null =>
  value === null || value === undefined || typeof value !== "object"
    ? null
    : (value as Readonly<Record<string, unknown>>);

/** The corrected fact a `FactCorrected` event describes. */
export const correctedFactOf = (event: RecordedEvent): CorrectedFact => {
  const d = event.data as FactCorrectedData;
  const at = (data: Readonly<Record<string, unknown>> | null): RecordedEvent | null =>
    data === null
      ? null
      : {
          ...event,
          eventId: d.correctedEventId,
          revision: d.correctedRevision,
          type: d.correctedType,
          occurredAt: d.correctedOccurredAt,
          data,
        };
  return {
    type: d.correctedType,
    revision: d.correctedRevision,
    before: at(asData(d.previousData)),
    after: d.action === "void" ? null : at(asData(d.data)),
  };
};

/** How a projection takes a correction of one type of event. */
export type CorrectionHandler<S> = (state: S, fact: CorrectedFact) => S;

/** The `FactCorrected` handler of a projection: one handler per corrected type it reads, others ignored. */
export const onCorrections =
  <S>(byType: Readonly<Record<string, CorrectionHandler<S>>>) =>
  (state: S, event: RecordedEvent): S => {
    const type = (event.data as FactCorrectedData).correctedType;
    const handler = byType[type];
    return handler === undefined ? state : handler(state, correctedFactOf(event));
  };

/**
 * For a count that depends on the fact alone (day buckets): the fact as it stood counted with sign −1, then as
 * corrected with sign +1 (nothing for a voided fact).
 */
export const retractThenCount =
  <S>(count: (state: S, event: RecordedEvent, sign: 1 | -1) => void): CorrectionHandler<S> =>
  (state, fact) => {
    if (fact.before !== null) count(state, fact.before, -1);
    if (fact.after !== null) count(state, fact.after, 1);
    return state;
  };
