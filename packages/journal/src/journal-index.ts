import type { StreamMetadata } from "@insieme/kernel";
import { GrowableArray } from "./growable-array.js";
import type { StreamStates } from "./record-scanner.js";
import { NO_POSITION, StreamTable } from "./stream-table.js";

/** Revisions to read: [start, end) forwards, (end, start] backwards. */
export interface RevisionRange {
  readonly start: number;
  readonly end: number;
  readonly step: 1 | -1;
}

/** Positions are kept in Int32 slots. */
const MAX_RECORDS = 2 ** 31;

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
 * The in-memory index of a journal. Per record: its byte offset (8 bytes) and, for an event, the position of
 * the previous event of its stream (4 bytes), so that each stream's events form a chain back from its last one.
 * Per stream: a few bytes in a `StreamTable`. Reading one stream touches only that stream's records.
 */
export class JournalIndex implements StreamStates {
  private streams = new StreamTable();
  /** Byte offsets, which may pass 4 GiB. */
  private offsets = new GrowableArray(Float64Array);
  /** Per record: the position of its stream's previous event, `NO_POSITION` for none or for a non-event. */
  private previousInStream = new GrowableArray(Int32Array);
  /**
   * Per namespace (the part of a stream id before its first `/`): the positions of its events in order (4 bytes
   * per event of a namespaced stream), so one programme's log is read without reading the others' records.
   */
  private namespaces = new Map<string, GrowableArray<Int32Array>>();
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
    const stream = this.streams.numberOf(streamId);
    if (stream === undefined) return undefined;
    const count = this.streams.eventCountOf(stream);
    return { revision: count === 0 ? null : count - 1, deleted: this.streams.isDeleted(stream) };
  }

  metadataOf(streamId: string): StreamMetadata | null {
    const stream = this.streams.numberOf(streamId);
    return stream === undefined ? null : this.streams.metadataOf(stream);
  }

  /** Indexes the next record; `hash` (its chain hash) may be left out and set as `lastHash` after a batch. */
  add(record: IndexedRecord, offset: number, length: number, hash?: string): void {
    if (offset !== this.end || record.position !== this.offsets.length || record.position >= MAX_RECORDS) {
      throw new Error(`journal index: record ${record.position} at byte ${offset} does not follow the index`);
    }
    const stream = this.streams.numberFor(record.streamId);
    let previous = NO_POSITION;
    switch (record.kind) {
      case "event":
        previous = this.streams.addEvent(stream, record.position);
        this.lastEventPosition = record.position;
        this.indexNamespace(record.streamId, record.position);
        break;
      case "metadata":
        this.streams.setMetadata(stream, record.metadata);
        break;
      case "tombstone":
        this.streams.markDeleted(stream);
        break;
    }
    this.offsets.push(offset);
    this.previousInStream.push(previous);
    this.end = offset + length;
    if (hash !== undefined) this.lastHash = hash;
    if (record.recordedAt > this.lastRecordedAt) this.lastRecordedAt = record.recordedAt;
  }

  /**
   * Positions of a stream's events over `range`, in read order. Follows the stream's chain back from its last
   * event to the oldest revision in the range, collecting those in it.
   */
  eventPositions(streamId: string, range: RevisionRange): Int32Array {
    const forwards = range.step > 0;
    const newest = forwards ? range.end - 1 : range.start;
    const oldest = forwards ? range.start : range.end + 1;
    const positions = new Int32Array(Math.max(0, newest - oldest + 1));
    if (positions.length === 0) return positions;
    const stream = this.streams.numberOf(streamId);
    const count = stream === undefined ? 0 : this.streams.eventCountOf(stream);
    if (stream === undefined || oldest < 0 || newest >= count) {
      throw new RangeError(`stream '${streamId}': revisions ${oldest}..${newest} out of 0..${count - 1}`);
    }
    let position = this.streams.lastPositionOf(stream);
    for (let revision = count - 1; revision > newest; revision--)
      position = this.previousInStream.at(position);
    for (let i = 0; i < positions.length; i++) {
      positions[forwards ? positions.length - 1 - i : i] = position;
      position = this.previousInStream.at(position);
    }
    return positions;
  }

  private indexNamespace(streamId: string, position: number): void {
    const slash = streamId.indexOf("/");
    if (slash <= 0) return;
    const namespace = streamId.slice(0, slash);
    let positions = this.namespaces.get(namespace);
    if (positions === undefined) {
      positions = new GrowableArray(Int32Array, 64);
      this.namespaces.set(namespace, positions);
    }
    positions.push(position);
  }

  /** Positions of the namespace's events after `after`, in order, at most `maxCount`. */
  namespacePositions(namespace: string, after: number | null, maxCount: number): Int32Array {
    const positions = this.namespaces.get(namespace);
    if (positions === undefined) return new Int32Array(0);
    let low = 0;
    let high = positions.length;
    const from = after ?? -1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (positions.at(mid) <= from) low = mid + 1;
      else high = mid;
    }
    const count = Math.max(0, Math.min(positions.length - low, maxCount));
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) out[i] = positions.at(low + i);
    return out;
  }

  /** The position of the namespace's last event, or null. */
  namespaceHead(namespace: string): number | null {
    const positions = this.namespaces.get(namespace);
    return positions === undefined || positions.length === 0 ? null : positions.at(positions.length - 1);
  }

  /** Becomes `other` (an index of the same journal built elsewhere), which must not be used afterwards. */
  takeOver(other: JournalIndex): void {
    if (other.headerEnd !== this.headerEnd || other.headerHash !== this.headerHash) {
      throw new Error("journal index: cannot take over the index of another journal");
    }
    this.streams = other.streams;
    this.offsets = other.offsets;
    this.previousInStream = other.previousInStream;
    this.namespaces = other.namespaces;
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
