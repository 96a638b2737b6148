import { describe, expect, it } from "vitest";
import { bodyRecordSchema } from "../src/record-schema.js";
import { plainBodyRecord } from "../src/record-shape.js";

const hash = "a".repeat(64);
const eventRecord = {
  kind: "event",
  position: 3,
  streamId: "candidate-1",
  revision: 0,
  eventId: "evt-1",
  type: "CandidaturaRicevuta",
  version: 1,
  occurredAt: "2017-05-02T09:00:00.000Z",
  recordedAt: "2017-05-02T09:00:01.000Z",
  correlationId: null,
  causationId: "cmd-1",
  actor: { id: "operator-1", role: "operator" },
  data: { nome: "Zoë" },
  hash,
};
const tombstoneRecord = {
  kind: "tombstone",
  position: 4,
  streamId: "candidate-1",
  revision: null,
  recordedAt: "2017-05-02T09:00:01.000Z",
  hash,
};
const metadataRecord = {
  kind: "metadata",
  position: 5,
  streamId: "candidate-1",
  recordedAt: "2017-05-02T09:00:01.000Z",
  metadata: { retention: "P10Y" },
  hash,
};

const oddValues: unknown[] = [undefined, null, "", "x", 0, -1, 1.5, 2 ** 53, true, {}, [], "A".repeat(64)];

/** Every record obtained by removing one member, giving it an odd value, or adding one. */
const variants = (record: Record<string, unknown>): unknown[] => {
  const out: unknown[] = [record, { ...record, extra: 1 }, { ...record, __proto__: null }];
  for (const key of Object.keys(record)) {
    const { [key]: _, ...without } = record;
    out.push(without);
    for (const odd of oddValues) out.push({ ...record, [key]: odd });
  }
  for (const odd of oddValues) out.push({ ...record, actor: { id: "o", role: odd } });
  out.push({ ...record, actor: { id: "o", role: "r", extra: 1 } });
  return out.map((value) => JSON.parse(JSON.stringify(value)) as unknown);
};

describe("the fast record check", () => {
  it("accepts the valid records of every kind it knows, as the schema gives them", () => {
    for (const record of [eventRecord, tombstoneRecord]) {
      expect(plainBodyRecord(record)).toEqual(bodyRecordSchema.parse(record));
    }
    expect(plainBodyRecord({ ...tombstoneRecord, revision: 7 })).toBeDefined();
  });

  it("never accepts what the schema rejects, and leaves the rest to it", () => {
    let accepted = 0;
    let rejected = 0;
    for (const value of [
      ...variants(eventRecord),
      ...variants(tombstoneRecord),
      ...variants(metadataRecord),
    ]) {
      const fast = plainBodyRecord(value);
      const schema = bodyRecordSchema.safeParse(value);
      if (fast === undefined) {
        rejected++;
        continue;
      }
      accepted++;
      expect(schema.success).toBe(true);
      expect(fast).toEqual(schema.data);
    }
    expect(accepted).toBeGreaterThan(5);
    expect(rejected).toBeGreaterThan(100);
  });
});
