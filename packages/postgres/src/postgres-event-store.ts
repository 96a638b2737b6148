import {
  type AppendError,
  type AppendResult,
  catchUpSubscription,
  describeExpected,
  type EventStore,
  type ExpectedRevision,
  type ImportResult,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  resolveStreamRange,
  type StoreDescription,
  type StreamMetadata,
  type StreamState,
  type SubscribeOptions,
  type Subscription,
  streamDeleted,
  wrongExpectedRevision,
} from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type pg from "pg";
import { AppendListener } from "./append-listener.js";
import { qualified, type ResolvedPostgresOptions, redactPostgresUrl } from "./connection.js";
import { EVENT_COLUMNS, type EventRow, eventColumns, toRecordedEvent } from "./event-row.js";
import { NAMESPACE_OF_STREAM, notifyChannel } from "./schema.js";

/** Rows fetched per query by the streaming reads (memory stays bounded whatever the log's size). */
const PAGE = 1000;
/** Imported events sent per call. */
const IMPORT_BATCH = 1000;

interface AppendRow {
  readonly outcome: "ok" | "conflict" | "deleted";
  readonly actual: number | null;
  readonly first_position: number | null;
}

interface ImportRow {
  readonly outcome: "ok" | "conflict" | "deleted";
  readonly failed_stream: string | null;
  readonly failed_revision: number | null;
  readonly actual: number | null;
  readonly head: number;
}

/**
 * The event store port on PostgreSQL (tables in docs/postgres.md). Several processes may write the same
 * database: each append is one call of the `append` function, which takes the lock on the `head` row, checks the
 * expected revision, writes the events at the next positions and commits; the next writer gets the lock only once
 * that commit is visible, so global positions become visible in order and a catch-up reader never skips one.
 */
export class PostgresEventStore implements EventStore {
  private readonly t: (name: string) => string;
  private readonly listener: AppendListener;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ResolvedPostgresOptions,
    private readonly ownsPool: boolean,
  ) {
    this.t = (name) => qualified(options.schema, name);
    this.listener = new AppendListener(options.url, notifyChannel(options.schema), options.pollIntervalMs);
  }

  /** The pool the store queries through (shared with read models kept in the same database). */
  get connectionPool(): pg.Pool {
    return this.pool;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Either<AppendError, AppendResult>> {
    const c = eventColumns(events);
    const { rows } = await this.pool.query<AppendRow>(
      `SELECT * FROM ${this.t("append")}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        streamId,
        String(expected),
        c.ids,
        c.types,
        c.versions,
        c.data,
        c.occurred,
        c.correlations,
        c.causations,
        c.actors,
      ],
    );
    const row = rows[0] as AppendRow;
    if (row.outcome === "deleted") return E.left(streamDeleted(streamId));
    if (row.outcome === "conflict")
      return E.left(wrongExpectedRevision(streamId, describeExpected(expected), row.actual));
    if (events.length > 0) this.listener.notify();
    const first = row.first_position;
    return E.right({
      nextExpectedRevision: row.actual ?? -1,
      positions: first === null ? [] : events.map((_, i) => first + i),
    });
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const batch of this.readStreamBatches(streamId, options)) yield* batch;
  }

  /**
   * The stream's events as arrays of at most `PAGE` events, one query per array (keyset-paged on the stream's
   * `(stream_id, revision)` index): no promise per event, and never more than one page in memory.
   */
  async *readStreamBatches(
    streamId: string,
    options: ReadStreamOptions = {},
  ): AsyncIterable<readonly RecordedEvent[]> {
    const state = await this.streamState(streamId);
    if (state.deleted || state.revision === null) return;
    const range = resolveStreamRange(state.revision + 1, options);
    const forwards = range.step > 0;
    let next = range.start;
    while (forwards ? next < range.end : next > range.end) {
      const count = Math.min(PAGE, Math.abs(range.end - next));
      const { rows } = await this.pool.query<EventRow>(
        forwards
          ? `SELECT ${EVENT_COLUMNS} FROM ${this.t("events")} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`
          : `SELECT ${EVENT_COLUMNS} FROM ${this.t("events")} WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
        [streamId, next, count],
      );
      if (rows.length > 0) yield rows.map(toRecordedEvent);
      if (rows.length < count) return;
      next += forwards ? rows.length : -rows.length;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? -1;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const count = Math.min(PAGE, remaining);
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM ${this.t("events")} WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, count],
      );
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < count) return;
      after = (rows[rows.length - 1] as EventRow).position;
      remaining -= rows.length;
    }
  }

  /** One namespace's events in global order, keyset-paged on the `events_namespace` index. */
  async *readNamespace(namespace: string, options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? -1;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const count = Math.min(PAGE, remaining);
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM ${this.t("events")}
          WHERE ${NAMESPACE_OF_STREAM} = $1 AND position > $2 ORDER BY position LIMIT $3`,
        [namespace, after, count],
      );
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < count) return;
      after = (rows[rows.length - 1] as EventRow).position;
      remaining -= rows.length;
    }
  }

  async namespaceHeadPosition(namespace: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ position: number | null }>(
      `SELECT max(position) AS position FROM ${this.t("events")} WHERE ${NAMESPACE_OF_STREAM} = $1`,
      [namespace],
    );
    const position = rows[0]?.position;
    return position === undefined || position === null ? null : Number(position);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    return catchUpSubscription(
      {
        readAll: (after) => this.readAll({ after }),
        waitForAppend: (after, signal) => this.waitForAppend(after, signal),
      },
      options.after ?? null,
      options.filter,
    );
  }

  async streamState(streamId: string): Promise<StreamState> {
    const { rows } = await this.pool.query<{ revision: number; deleted: boolean }>(
      `SELECT revision, deleted FROM ${this.t("streams")} WHERE stream_id = $1`,
      [streamId],
    );
    const row = rows[0];
    if (row === undefined) return { revision: null, deleted: false };
    return { revision: row.revision < 0 ? null : row.revision, deleted: row.deleted };
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | null> {
    const { rows } = await this.pool.query<{ metadata: StreamMetadata | null }>(
      `SELECT metadata FROM ${this.t("streams")} WHERE stream_id = $1`,
      [streamId],
    );
    return rows[0]?.metadata ?? null;
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.t("streams")} (stream_id, metadata) VALUES ($1, $2::json)
       ON CONFLICT (stream_id) DO UPDATE SET metadata = excluded.metadata`,
      [streamId, JSON.stringify(metadata)],
    );
  }

  async deleteStream(streamId: string, expected: ExpectedRevision): Promise<Either<AppendError, void>> {
    const { rows } = await this.pool.query<{ outcome: "ok" | "conflict" | "deleted"; actual: number | null }>(
      `SELECT * FROM ${this.t("delete_stream")}($1, $2)`,
      [streamId, String(expected)],
    );
    const row = rows[0];
    if (row?.outcome === "deleted") return E.left(streamDeleted(streamId));
    if (row?.outcome === "conflict")
      return E.left(wrongExpectedRevision(streamId, describeExpected(expected), row.actual));
    return E.right(undefined);
  }

  /**
   * One transaction for the whole history: it holds the head lock throughout, so the imported events take
   * consecutive positions, and a clash rolls everything back (nothing is written for a history that does not fit).
   */
  async importHistory(events: AsyncIterable<RecordedEvent>): Promise<Either<AppendError, ImportResult>> {
    const client = await this.pool.connect();
    let count = 0;
    const streams = new Set<string>();
    let head: number | null = null;
    try {
      await client.query("BEGIN");
      await client.query(`SELECT position FROM ${this.t("head")} FOR UPDATE`);
      let batch: RecordedEvent[] = [];
      const flush = async (): Promise<Either<AppendError, void>> => {
        if (batch.length === 0) return E.right(undefined);
        const { rows } = await client.query<ImportRow>(
          `SELECT * FROM ${this.t("import_batch")}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            batch.map((e) => e.streamId),
            batch.map((e) => e.revision),
            batch.map((e) => e.eventId),
            batch.map((e) => e.type),
            batch.map((e) => e.version),
            batch.map((e) => JSON.stringify(e.data)),
            batch.map((e) => e.occurredAt),
            batch.map((e) => e.recordedAt),
            batch.map((e) => e.correlationId),
            batch.map((e) => e.causationId),
            batch.map((e) => JSON.stringify(e.actor)),
          ],
        );
        const row = rows[0] as ImportRow;
        batch = [];
        if (row.outcome === "deleted") return E.left(streamDeleted(row.failed_stream ?? ""));
        if (row.outcome === "conflict") {
          const revision = row.failed_revision ?? 0;
          return E.left(
            wrongExpectedRevision(
              row.failed_stream ?? "",
              revision === 0 ? "no_stream" : String(revision - 1),
              row.actual,
            ),
          );
        }
        head = row.head < 0 ? null : row.head;
        return E.right(undefined);
      };
      for await (const event of events) {
        batch.push(event);
        streams.add(event.streamId);
        count++;
        if (batch.length >= IMPORT_BATCH) {
          const flushed = await flush();
          if (E.isLeft(flushed)) {
            await client.query("ROLLBACK");
            return flushed;
          }
        }
      }
      const flushed = await flush();
      if (E.isLeft(flushed)) {
        await client.query("ROLLBACK");
        return flushed;
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    if (count > 0) this.listener.notify();
    return E.right({
      events: count,
      streams: streams.size,
      headPosition: head ?? (await this.headPosition()),
    });
  }

  async headPosition(): Promise<number | null> {
    const { rows } = await this.pool.query<{ position: number }>(`SELECT position FROM ${this.t("head")}`);
    const position = rows[0]?.position ?? -1;
    return position < 0 ? null : position;
  }

  describe(): StoreDescription {
    return { kind: "postgres", location: `${redactPostgresUrl(this.options.url)}#${this.options.schema}` };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener.close();
    if (this.ownsPool) await this.pool.end();
  }

  private async waitForAppend(after: number | null, signal: AbortSignal): Promise<void> {
    if (this.closed) return;
    const early = new AbortController();
    const waiting = this.listener.wait(AbortSignal.any([signal, early.signal]));
    if (((await this.headPosition()) ?? -1) > (after ?? -1)) early.abort();
    await waiting;
  }
}
