/**
 * What a writer expects a stream to be at when it appends, as in EventStoreDB:
 * - "any": no check;
 * - "no_stream": the stream must not exist yet;
 * - "stream_exists": the stream must have at least one event;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = "any" | "no_stream" | "stream_exists" | number;

/** `current` is the revision of the stream's last event, or null when the stream has none. */
export const isExpectedRevision = (expected: ExpectedRevision, current: number | null): boolean => {
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return current === null;
    case "stream_exists":
      return current !== null;
    default:
      return current === expected;
  }
};

export const describeExpected = (expected: ExpectedRevision): string => String(expected);
