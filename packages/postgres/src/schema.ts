import type pg from "pg";
import { qualified } from "./connection.js";

/** The namespace of an event's stream, as the `events_namespace` index and the namespace reads spell it. */
export const NAMESPACE_OF_STREAM = "NULLIF(split_part(stream_id, '/', 1), stream_id)";

/** Channel on which each committed append announces the new head position. */
export const notifyChannel = (schema: string): string => `${schema}_appended`;

/**
 * The store's tables and functions. Every write to the global log takes the lock on the single `head` row first
 * and holds it until its transaction commits, so positions are handed out in commit order: a reader that sees
 * position p has already seen every position below p (docs/postgres.md, "Global order").
 */
const ddl = (schema: string): string => {
  const s = (name: string) => qualified(schema, name);
  const channel = notifyChannel(schema).replace(/'/g, "''");
  return `
CREATE SCHEMA IF NOT EXISTS "${schema}";
CREATE TABLE IF NOT EXISTS ${s("head")} (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  position bigint NOT NULL DEFAULT -1,
  recorded_at text NOT NULL DEFAULT ''
);
INSERT INTO ${s("head")} (singleton) VALUES (true) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s("streams")} (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL DEFAULT -1,
  deleted boolean NOT NULL DEFAULT false,
  metadata json
);
CREATE TABLE IF NOT EXISTS ${s("events")} (
  position bigint PRIMARY KEY,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  version integer NOT NULL,
  data json NOT NULL,
  occurred_at text NOT NULL,
  recorded_at text NOT NULL,
  correlation_id text,
  causation_id text,
  actor json NOT NULL,
  UNIQUE (stream_id, revision)
);
-- A stream's namespace is the part of its id before the first '/' (null without one): one programme's events in
-- global order, for NamespacedEventStore, read through this index and never by scanning the others'.
CREATE INDEX IF NOT EXISTS events_namespace ON ${s("events")} ((${NAMESPACE_OF_STREAM}), position);
CREATE TABLE IF NOT EXISTS ${s("checkpoints")} (
  projection text PRIMARY KEY,
  version integer NOT NULL,
  position bigint,
  state json NOT NULL
);

-- One append: the head lock, the stream's revision check, the rows, the new head, a notification.
CREATE OR REPLACE FUNCTION ${s("append")}(
  p_stream text, p_expected text, p_ids text[], p_types text[], p_versions integer[], p_data text[],
  p_occurred text[], p_correlations text[], p_causations text[], p_actors text[]
) RETURNS TABLE (outcome text, actual bigint, first_position bigint) LANGUAGE plpgsql AS $fn$
DECLARE
  v_head bigint;
  v_recorded text;
  v_revision bigint;
  v_deleted boolean;
  v_current bigint;
  v_count integer := coalesce(cardinality(p_ids), 0);
BEGIN
  SELECT h.position, greatest(h.recorded_at,
           to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    INTO v_head, v_recorded FROM ${s("head")} h FOR UPDATE;
  SELECT st.revision, st.deleted INTO v_revision, v_deleted FROM ${s("streams")} st
    WHERE st.stream_id = p_stream FOR UPDATE;
  IF v_deleted THEN
    RETURN QUERY SELECT 'deleted'::text, NULL::bigint, NULL::bigint; RETURN;
  END IF;
  v_current := CASE WHEN v_revision IS NULL OR v_revision < 0 THEN NULL ELSE v_revision END;
  IF NOT (p_expected = 'any'
          OR (p_expected = 'no_stream' AND v_current IS NULL)
          OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
          OR (p_expected ~ '^[0-9]+$' AND v_current IS NOT DISTINCT FROM p_expected::bigint)) THEN
    RETURN QUERY SELECT 'conflict'::text, v_current, NULL::bigint; RETURN;
  END IF;
  IF v_count = 0 THEN
    RETURN QUERY SELECT 'ok'::text, v_current, NULL::bigint; RETURN;
  END IF;
  INSERT INTO ${s("events")} (position, stream_id, revision, event_id, type, version, data, occurred_at,
      recorded_at, correlation_id, causation_id, actor)
    SELECT v_head + u.n, p_stream, coalesce(v_current, -1) + u.n, u.id, u.type, u.version, u.data::json,
           u.occurred, v_recorded, u.correlation, u.causation, u.actor::json
      FROM unnest(p_ids, p_types, p_versions, p_data, p_occurred, p_correlations, p_causations, p_actors)
           WITH ORDINALITY AS u(id, type, version, data, occurred, correlation, causation, actor, n);
  INSERT INTO ${s("streams")} AS st (stream_id, revision) VALUES (p_stream, coalesce(v_current, -1) + v_count)
    ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision;
  UPDATE ${s("head")} SET position = v_head + v_count, recorded_at = v_recorded;
  PERFORM pg_notify('${channel}', (v_head + v_count)::text);
  RETURN QUERY SELECT 'ok'::text, coalesce(v_current, -1) + v_count, v_head + 1;
END
$fn$;

-- A batch of imported events, in global order: each must continue its stream (revision = last + 1).
-- The caller holds the head lock for the whole import (one transaction).
CREATE OR REPLACE FUNCTION ${s("import_batch")}(
  p_streams text[], p_revisions bigint[], p_ids text[], p_types text[], p_versions integer[], p_data text[],
  p_occurred text[], p_recorded text[], p_correlations text[], p_causations text[], p_actors text[]
) RETURNS TABLE (outcome text, failed_stream text, failed_revision bigint, actual bigint, head bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_head bigint;
  v_recorded text;
  v_revision bigint;
  v_deleted boolean;
  i integer;
BEGIN
  SELECT h.position, h.recorded_at INTO v_head, v_recorded FROM ${s("head")} h FOR UPDATE;
  FOR i IN 1 .. coalesce(cardinality(p_ids), 0) LOOP
    SELECT st.revision, st.deleted INTO v_revision, v_deleted FROM ${s("streams")} st
      WHERE st.stream_id = p_streams[i] FOR UPDATE;
    IF v_deleted THEN
      RETURN QUERY SELECT 'deleted'::text, p_streams[i], p_revisions[i], NULL::bigint, v_head; RETURN;
    END IF;
    IF coalesce(v_revision, -1) + 1 <> p_revisions[i] THEN
      RETURN QUERY SELECT 'conflict'::text, p_streams[i], p_revisions[i],
        CASE WHEN v_revision IS NULL OR v_revision < 0 THEN NULL ELSE v_revision END, v_head;
      RETURN;
    END IF;
    v_head := v_head + 1;
    INSERT INTO ${s("events")} (position, stream_id, revision, event_id, type, version, data, occurred_at,
        recorded_at, correlation_id, causation_id, actor)
      VALUES (v_head, p_streams[i], p_revisions[i], p_ids[i], p_types[i], p_versions[i], p_data[i]::json,
              p_occurred[i], p_recorded[i], p_correlations[i], p_causations[i], p_actors[i]::json);
    INSERT INTO ${s("streams")} (stream_id, revision) VALUES (p_streams[i], p_revisions[i])
      ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision;
    v_recorded := greatest(v_recorded, p_recorded[i]);
  END LOOP;
  UPDATE ${s("head")} SET position = v_head, recorded_at = v_recorded;
  PERFORM pg_notify('${channel}', v_head::text);
  RETURN QUERY SELECT 'ok'::text, NULL::text, NULL::bigint, NULL::bigint, v_head;
END
$fn$;

-- A tombstone: the expected revision is checked under the stream's row lock.
CREATE OR REPLACE FUNCTION ${s("delete_stream")}(p_stream text, p_expected text)
RETURNS TABLE (outcome text, actual bigint) LANGUAGE plpgsql AS $fn$
DECLARE
  v_revision bigint;
  v_deleted boolean;
  v_current bigint;
BEGIN
  INSERT INTO ${s("streams")} (stream_id) VALUES (p_stream) ON CONFLICT DO NOTHING;
  SELECT st.revision, st.deleted INTO v_revision, v_deleted FROM ${s("streams")} st
    WHERE st.stream_id = p_stream FOR UPDATE;
  IF v_deleted THEN RETURN QUERY SELECT 'deleted'::text, NULL::bigint; RETURN; END IF;
  v_current := CASE WHEN v_revision < 0 THEN NULL ELSE v_revision END;
  IF NOT (p_expected = 'any'
          OR (p_expected = 'no_stream' AND v_current IS NULL)
          OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
          OR (p_expected ~ '^[0-9]+$' AND v_current IS NOT DISTINCT FROM p_expected::bigint)) THEN
    RETURN QUERY SELECT 'conflict'::text, v_current; RETURN;
  END IF;
  UPDATE ${s("streams")} SET deleted = true WHERE stream_id = p_stream;
  RETURN QUERY SELECT 'ok'::text, v_current;
END
$fn$;
`;
};

/**
 * Creates the schema, tables and functions when missing (idempotent; concurrent callers take turns on an
 * advisory lock, so several processes may start at once).
 */
export const migrate = async (pool: pg.Pool, schema: string): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`insieme-schema:${schema}`]);
    await client.query(ddl(schema));
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
};
