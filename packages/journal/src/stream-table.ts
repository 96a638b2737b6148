import type { StreamMetadata } from "@insieme/kernel";
import { GrowableArray } from "./growable-array.js";

/** `lastPositionOf` a stream that has no event. */
export const NO_POSITION = -1;

/**
 * What the index knows of each stream, by stream number (0, 1, … in the order of their first records): one slot
 * per stream in a few typed arrays, so that a stream costs a map entry and 9 bytes, with no object of its own.
 */
export class StreamTable {
  private readonly numbers = new Map<string, number>();
  private readonly lastPositions = new GrowableArray(Int32Array);
  private readonly eventCounts = new GrowableArray(Uint32Array);
  private readonly deletedFlags = new GrowableArray(Uint8Array);
  /** Few streams have metadata. */
  private readonly metadata = new Map<number, StreamMetadata>();
  /** The last stream looked up: a record's stream is looked up by its check and again by the index. */
  private lastId: string | null = null;
  private lastNumber = 0;

  numberOf(streamId: string): number | undefined {
    if (streamId === this.lastId) return this.lastNumber;
    const stream = this.numbers.get(streamId);
    if (stream !== undefined) {
      this.lastId = streamId;
      this.lastNumber = stream;
    }
    return stream;
  }

  /** The stream's number, given to it now if it has none. */
  numberFor(streamId: string): number {
    const known = this.numberOf(streamId);
    if (known !== undefined) return known;
    const stream = this.eventCounts.length;
    this.lastPositions.push(NO_POSITION);
    this.eventCounts.push(0);
    this.deletedFlags.push(0);
    this.numbers.set(streamId, stream);
    this.lastId = streamId;
    this.lastNumber = stream;
    return stream;
  }

  /** Counts the stream's next event and returns the position of its previous one (`NO_POSITION` for none). */
  addEvent(stream: number, position: number): number {
    const previous = this.lastPositions.at(stream);
    this.lastPositions.set(stream, position);
    this.eventCounts.set(stream, this.eventCounts.at(stream) + 1);
    return previous;
  }

  markDeleted(stream: number): void {
    this.deletedFlags.set(stream, 1);
  }

  setMetadata(stream: number, metadata: StreamMetadata): void {
    this.metadata.set(stream, metadata);
  }

  lastPositionOf(stream: number): number {
    return this.lastPositions.at(stream);
  }

  eventCountOf(stream: number): number {
    return this.eventCounts.at(stream);
  }

  isDeleted(stream: number): boolean {
    return this.deletedFlags.at(stream) === 1;
  }

  metadataOf(stream: number): StreamMetadata | null {
    return this.metadata.get(stream) ?? null;
  }
}
