import { AppendSignal } from "@insieme/kernel";

/**
 * The stand-in's storage: one append-only log (what `$all` reads) and an index per stream, with EventStoreDB's
 * observable rules: byte-offset positions (commit = prepare, gaps between events), revisions from 0, tombstones
 * that stay in `$all` as `$streamDeleted` records, `$$<stream>` metadata streams whose `$maxCount` truncates
 * reads, and system events of its own in `$all`.
 */
export interface StandInRecord {
  readonly streamName: string;
  /** 0-based; a tombstone record carries EventStoreDB's deleted-stream marker instead. */
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB sends them. */
  readonly created: bigint;
  readonly position: bigint;
}

export interface ProposedRecord {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

interface StreamIndex {
  /** Indexes into the log, by revision. */
  readonly records: number[];
  tombstoned: boolean;
}

export type Expected =
  | { readonly kind: "any" | "no_stream" | "stream_exists" }
  | { readonly kind: "revision"; readonly revision: bigint };

export type WriteResult =
  | { readonly kind: "written"; readonly lastRevision: bigint | null; readonly position: bigint | null }
  | { readonly kind: "wrong-version"; readonly current: bigint | null }
  | { readonly kind: "deleted" };

/** EventStoreDB's event number for a tombstone (long.MaxValue). */
export const DELETED_STREAM_REVISION = 2n ** 63n - 1n;

const TICKS_PER_MS = 10_000n;
const RECORD_OVERHEAD = 96n;

export class StandInLog {
  private readonly records: StandInRecord[] = [];
  private readonly streams = new Map<string, StreamIndex>();
  private readonly appended = new AppendSignal();
  private nextPosition = 1_024n;

  constructor(private readonly now: () => number = Date.now) {
    // A fresh EventStoreDB already holds events of its own; they must never reach the Insieme log.
    this.write("$settings", [systemRecord("$settings", { $userStreamAcl: {}, $systemStreamAcl: {} })]);
    this.write("$stats-127.0.0.1:2113", [systemRecord("$statsCollected", { "proc-cpu": 0 })]);
  }

  get length(): number {
    return this.records.length;
  }

  at(index: number): StandInRecord | undefined {
    return this.records[index];
  }

  /** Index of the first record whose position is at least `position`. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.records[mid] as StandInRecord).position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  isTombstoned(streamName: string): boolean {
    const owner = streamName.startsWith("$$") ? streamName.slice(2) : streamName;
    return this.streams.get(owner)?.tombstoned === true;
  }

  exists(streamName: string): boolean {
    return (this.streams.get(streamName)?.records.length ?? 0) > 0;
  }

  lastRevision(streamName: string): bigint | null {
    const count = this.streams.get(streamName)?.records.length ?? 0;
    return count === 0 ? null : BigInt(count - 1);
  }

  /** The stream's readable records (revision order), after `$maxCount` truncation. */
  streamRecords(streamName: string): StandInRecord[] {
    const indexes = this.streams.get(streamName)?.records ?? [];
    const maxCount = streamName.startsWith("$$") ? undefined : this.maxCountOf(streamName);
    const visible = maxCount === undefined ? indexes : indexes.slice(Math.max(0, indexes.length - maxCount));
    return visible.map((i) => this.records[i] as StandInRecord);
  }

  append(streamName: string, expected: Expected, proposed: readonly ProposedRecord[]): WriteResult {
    if (this.isTombstoned(streamName)) return { kind: "deleted" };
    const current = this.lastRevision(streamName);
    if (!matches(expected, current)) return { kind: "wrong-version", current };
    if (proposed.length === 0) return { kind: "written", lastRevision: current, position: null };
    const position = this.write(streamName, proposed);
    return { kind: "written", lastRevision: this.lastRevision(streamName), position };
  }

  tombstone(streamName: string, expected: Expected): WriteResult {
    if (this.isTombstoned(streamName)) return { kind: "deleted" };
    const current = this.lastRevision(streamName);
    if (!matches(expected, current)) return { kind: "wrong-version", current };
    const position = this.push(streamName, DELETED_STREAM_REVISION, {
      id: crypto.randomUUID(),
      type: "$streamDeleted",
      contentType: "application/octet-stream",
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
    });
    this.index(streamName).tombstoned = true;
    this.appended.notify();
    return { kind: "written", lastRevision: DELETED_STREAM_REVISION, position };
  }

  /** Resolves when a record is appended after `length` records, or when `signal` aborts. */
  waitForAppend(length: number, signal: AbortSignal): Promise<void> {
    if (this.records.length > length) return Promise.resolve();
    return this.appended.wait(signal);
  }

  private maxCountOf(streamName: string): number | undefined {
    const meta = this.streams.get(`$$${streamName}`)?.records;
    const last = meta === undefined ? undefined : this.records[meta[meta.length - 1] ?? -1];
    if (last === undefined) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(last.data).toString("utf8")) as { $maxCount?: unknown };
      return typeof parsed.$maxCount === "number" ? parsed.$maxCount : undefined;
    } catch {
      return undefined;
    }
  }

  private write(streamName: string, proposed: readonly ProposedRecord[]): bigint {
    let position = 0n;
    for (const record of proposed) {
      position = this.push(streamName, BigInt(this.index(streamName).records.length), record);
      this.index(streamName).records.push(this.records.length - 1);
    }
    this.appended.notify();
    return position;
  }

  private push(streamName: string, revision: bigint, record: ProposedRecord): bigint {
    const position = this.nextPosition;
    this.records.push({
      ...record,
      streamName,
      revision,
      created: BigInt(this.now()) * TICKS_PER_MS,
      position,
    });
    this.nextPosition +=
      RECORD_OVERHEAD + BigInt(streamName.length + record.data.length + record.customMetadata.length);
    return position;
  }

  private index(streamName: string): StreamIndex {
    let index = this.streams.get(streamName);
    if (index === undefined) {
      index = { records: [], tombstoned: false };
      this.streams.set(streamName, index);
    }
    return index;
  }
}

const matches = (expected: Expected, current: bigint | null): boolean => {
  switch (expected.kind) {
    case "any":
      return true;
    case "no_stream":
      return current === null;
    case "stream_exists":
      return current !== null;
    case "revision":
      return current === expected.revision;
  }
};

const systemRecord = (type: string, data: unknown): ProposedRecord => ({
  id: crypto.randomUUID(),
  type,
  contentType: "application/json",
  data: Buffer.from(JSON.stringify(data), "utf8"),
  customMetadata: new Uint8Array(),
});
