import type { StreamMetadata } from "@insieme/kernel";
import { GrowableFloat64Array, GrowableUint32Array } from "./growable-array.js";
import type { StreamStates } from "./record-scanner.js";

export interface StreamEntry {
  /** Global positions of the stream's events, in revision order. */
  readonly positions: GrowableUint32Array;
  deleted: boolean;
  metadata: StreamMetadata | null;
}

/** What the index keeps of a record: no event data, only where it is and what it changes. */
export type IndexedRecord =
  | {
      readonly kind: "event";
      readonly position: number;
      readonly streamId: string;
      readonly recordedAt: string;
    }
  | {
      readonly kind: "metadata";
      readonly position: number;
      readonly streamId: string;
      readonly recordedAt: string;
      readonly metadata: StreamMetadata;
    }
  | {
      readonly kind: "tombstone";
      readonly position: number;
      readonly streamId: string;
      readonly recordedAt: string;
    };

/**
 * The in-memory index of a journal: the byte offset of every record (8 bytes each) and, per stream, the
 * positions of its events (4 bytes each). Reading one stream touches only that stream's records.
 */
export class JournalIndex implements StreamStates {
  readonly streams = new Map<string, StreamEntry>();
  private offsets = new GrowableFloat64Array();
  /** Byte offset just after the last indexed record. */
  end: number;
  /** Hash of the last indexed record: the chain head. */
  lastHash: string;
  lastEventPosition: number | null = null;
  lastRecordedAt = "";

  constructor(
    /** Byte offset just after the header line. */
    readonly headerEnd: number,
    readonly headerHash: string,
  ) {
    this.end = headerEnd;
    this.lastHash = headerHash;
  }

  get recordCount(): number {
    return this.offsets.length;
  }

  stateOf(streamId: string): { revision: number | null; deleted: boolean } | undefined {
    const entry = this.streams.get(streamId);
    if (entry === undefined) return undefined;
    return {
      revision: entry.positions.length === 0 ? null : entry.positions.length - 1,
      deleted: entry.deleted,
    };
  }

  add(record: IndexedRecord, offset: number, length: number, hash: string): void {
    if (offset !== this.end || record.position !== this.offsets.length) {
      throw new Error(`journal index: record ${record.position} at byte ${offset} does not follow the index`);
    }
    this.offsets.push(offset);
    this.end = offset + length;
    this.lastHash = hash;
    if (record.recordedAt > this.lastRecordedAt) this.lastRecordedAt = record.recordedAt;
    let entry = this.streams.get(record.streamId);
    if (entry === undefined) {
      entry = { positions: new GrowableUint32Array(), deleted: false, metadata: null };
      this.streams.set(record.streamId, entry);
    }
    switch (record.kind) {
      case "event":
        entry.positions.push(record.position);
        this.lastEventPosition = record.position;
        break;
      case "metadata":
        entry.metadata = record.metadata;
        break;
      case "tombstone":
        entry.deleted = true;
        break;
    }
  }

  /** Becomes `other` (an index of the same journal built elsewhere), which must not be used afterwards. */
  takeOver(other: JournalIndex): void {
    if (other.headerEnd !== this.headerEnd || other.headerHash !== this.headerHash) {
      throw new Error("journal index: cannot take over the index of another journal");
    }
    this.streams.clear();
    for (const [streamId, entry] of other.streams) this.streams.set(streamId, entry);
    this.offsets = other.offsets;
    this.end = other.end;
    this.lastHash = other.lastHash;
    this.lastEventPosition = other.lastEventPosition;
    this.lastRecordedAt = other.lastRecordedAt;
  }

  offsetOf(position: number): number {
    return this.offsets.at(position);
  }

  /** Length in bytes of a record's line, `\n` included. */
  lengthOf(position: number): number {
    const next = position + 1 < this.offsets.length ? this.offsets.at(position + 1) : this.end;
    return next - this.offsets.at(position);
  }
}
