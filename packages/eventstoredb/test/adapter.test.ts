import { EventStoreDBClient, jsonEvent } from "@eventstore/db-client";
import { InMemoryEventStore, steppingClock } from "@insieme/kernel";
import { isLeft, isRight } from "fp-ts/lib/Either.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHECKPOINT_STREAM_PREFIX,
  EventStoreDbError,
  type EventStoreDbEventStore,
  eventStoreDbEventId,
} from "../src/index.js";
import { collect, connect, newEvent } from "./helpers.js";
import { type StandIn, startStandIn } from "./stand-in/server.js";

let standIn: StandIn;
let store: EventStoreDbEventStore;
let raw: EventStoreDBClient;

beforeEach(async () => {
  standIn = await startStandIn();
  store = await connect(standIn.connectionString);
  raw = EventStoreDBClient.connectionString(standIn.connectionString);
});

afterEach(async () => {
  await raw.dispose();
  await store.close();
  await standIn.stop();
});

const rawEvents = async (streamId: string) => collect(raw.readStream(streamId));

describe("error mapping", () => {
  it("maps the client's wrong-expected-version to WrongExpectedRevision with the actual revision", async () => {
    expect(isRight(await store.append("candidate-1", [newEvent("A"), newEvent("B")], "no_stream"))).toBe(
      true,
    );
    const stale = await store.append("candidate-1", [newEvent("C")], 0);
    expect(isLeft(stale) && stale.left).toEqual({
      _tag: "WrongExpectedRevision",
      streamId: "candidate-1",
      expected: "0",
      actual: 1,
      message: "stream 'candidate-1': expected revision 0, actual 1",
    });
    const missing = await store.append("candidate-2", [newEvent("A")], "stream_exists");
    expect(
      isLeft(missing) && missing.left._tag === "WrongExpectedRevision" && missing.left.actual,
    ).toBeNull();
  });

  it("maps a tombstone to StreamDeleted for appends and deletes, and a stale delete to WrongExpectedRevision", async () => {
    await store.append("company-1", [newEvent("A"), newEvent("B")], "no_stream");
    const stale = await store.deleteStream("company-1", 0);
    expect(isLeft(stale) && stale.left._tag === "WrongExpectedRevision" && stale.left.actual).toBe(1);
    expect(isRight(await store.deleteStream("company-1", "stream_exists"))).toBe(true);
    const append = await store.append("company-1", [newEvent("C")], "any");
    expect(isLeft(append) && append.left).toEqual({
      _tag: "StreamDeleted",
      streamId: "company-1",
      message: "stream 'company-1' is deleted",
    });
    const again = await store.deleteStream("company-1", "any");
    expect(isLeft(again) && again.left._tag).toBe("StreamDeleted");
    expect(await store.streamState("company-1")).toEqual({ revision: null, deleted: true });
    const emptyAppend = await store.append("company-1", [], "any");
    expect(isLeft(emptyAppend) && emptyAppend.left._tag).toBe("StreamDeleted");
  });

  it("checks an empty append against the stream without writing", async () => {
    await store.append("fund-1", [newEvent("A")], "no_stream");
    const ok = await store.append("fund-1", [], 0);
    expect(isRight(ok) && ok.right).toEqual({ nextExpectedRevision: 0, positions: [] });
    const refused = await store.append("fund-1", [], "no_stream");
    expect(isLeft(refused) && refused.left._tag === "WrongExpectedRevision" && refused.left.actual).toBe(0);
    expect(await rawEvents("fund-1")).toHaveLength(1);
  });

  it("refuses EventStoreDB's own stream names", async () => {
    await expect(store.append("$settings", [newEvent("A")], "any")).rejects.toThrow(RangeError);
    await expect(store.append("", [newEvent("A")], "any")).rejects.toThrow(RangeError);
  });

  it("reports an event without the Insieme envelope as invalid, naming where it is", async () => {
    await raw.appendToStream(
      "foreign-1",
      jsonEvent({ type: "Legacy", data: { a: 1 }, metadata: { source: "legacy" } }),
    );
    const failure = await collect(store.readStream("foreign-1")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventStoreDbError);
    expect((failure as EventStoreDbError).reason).toBe("invalid-event");
    expect((failure as EventStoreDbError).message).toContain("'foreign-1'@0");
    expect((failure as EventStoreDbError).message).toContain("metadata.eventId");
  });
});

describe("envelope in EventStoreDB metadata", () => {
  it("uses a UUID event id as the EventStoreDB id and keeps correlation and causation under EventStoreDB's keys", async () => {
    const id = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
    await store.append(
      "candidate-9",
      [
        newEvent(
          "CandidaturaRicevuta",
          { canale: "online" },
          { eventId: id, correlationId: "c-1", causationId: "k-1", version: 2 },
        ),
      ],
      "no_stream",
    );
    const [stored] = await rawEvents("candidate-9");
    expect(stored?.event?.id).toBe(id.toLowerCase());
    expect(stored?.event?.type).toBe("CandidaturaRicevuta");
    expect(stored?.event?.data).toEqual({ canale: "online" });
    expect(stored?.event?.metadata).toEqual({
      eventId: id,
      schemaVersion: 2,
      occurredAt: "2026-01-15T09:00:00.000Z",
      actor: { id: "operator-1", role: "operator" },
      $correlationId: "c-1",
      $causationId: "k-1",
    });
    const [read] = await collect(store.readStream("candidate-9"));
    expect(read?.eventId).toBe(id);
    expect(read?.recordedAt).toBe(stored?.event?.created.toISOString());
  });

  it("derives a stable name-based UUID for ids that are not UUIDs", async () => {
    const derived = eventStoreDbEventId("evt-000042");
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventStoreDbEventId("evt-000042")).toBe(derived);
    expect(eventStoreDbEventId("evt-000043")).not.toBe(derived);
    await store.append("candidate-10", [newEvent("A", {}, { eventId: "evt-000042" })], "no_stream");
    const [stored] = await rawEvents("candidate-10");
    expect(stored?.event?.id).toBe(derived);
    expect((await collect(store.readStream("candidate-10")))[0]?.eventId).toBe("evt-000042");
  });

  it("keeps an imported event's original recordedAt in metadata, and appends after it in order", async () => {
    const source = new InMemoryEventStore(steppingClock("2017-06-01T08:00:00.000Z", 60_000));
    await source.append("candidate-20", [newEvent("A"), newEvent("B")], "no_stream");
    const imported = await store.importHistory(source.readAll());
    expect(isRight(imported) && imported.right.events).toBe(2);
    const [first] = await rawEvents("candidate-20");
    const metadata = first?.event?.metadata as Record<string, unknown> | undefined;
    expect(metadata?.recordedAt).toBe("2017-06-01T08:00:00.000Z");
    await store.append("candidate-20", [newEvent("C")], 1);
    const events = await collect(store.readStream("candidate-20"));
    expect(events.map((e) => e.recordedAt.slice(0, 4))).toEqual([
      "2017",
      "2017",
      new Date().toISOString().slice(0, 4),
    ]);
  });
});

describe("the Insieme log inside $all", () => {
  it("leaves EventStoreDB's own events, tombstones, metadata and checkpoint streams out of readAll and the head", async () => {
    expect(await store.headPosition()).toBeNull();
    const appended = await store.append("project-1", [newEvent("A")], "no_stream");
    await store.setStreamMetadata("project-1", { owner: "tavolo-tecnico" });
    await raw.appendToStream(
      `${CHECKPOINT_STREAM_PREFIX}stats`,
      jsonEvent({ type: "InsiemeCheckpointSaved", data: {} }),
    );
    await store.append("project-2", [newEvent("B")], "no_stream");
    await store.deleteStream("project-2", 0);
    const all = await collect(store.readAll());
    expect(all.map((e) => [e.streamId, e.type])).toEqual([
      ["project-1", "A"],
      ["project-2", "B"],
    ]);
    expect(await store.headPosition()).toBe(all[1]?.position);
    const everything = await collect(raw.readAll());
    expect(everything.some((e) => e.event?.type === "$streamDeleted")).toBe(true);
    expect(everything.some((e) => e.event?.streamId === "$settings")).toBe(true);
    expect(isRight(appended) && appended.right.positions).toEqual([all[0]?.position]);
  });

  it("passes $-keys of stream metadata to EventStoreDB, where $maxCount truncates the stream", async () => {
    await store.append("candidate-30", [newEvent("A"), newEvent("B"), newEvent("C")], "no_stream");
    await store.setStreamMetadata("candidate-30", { $maxCount: 2, note: "x" });
    expect(await store.getStreamMetadata("candidate-30")).toEqual({ $maxCount: 2, note: "x" });
    expect((await collect(store.readStream("candidate-30"))).map((e) => e.revision)).toEqual([1, 2]);
    expect(await store.streamState("candidate-30")).toEqual({ revision: 2, deleted: false });
  });

  it("returns the positions of a multi-event append as readAll shows them", async () => {
    await store.append("noise-1", [newEvent("N")], "no_stream");
    const appended = await store.append(
      "candidate-40",
      [newEvent("A"), newEvent("B"), newEvent("C")],
      "no_stream",
    );
    const all = (await collect(store.readAll())).filter((e) => e.streamId === "candidate-40");
    expect(isRight(appended) && appended.right.positions).toEqual(all.map((e) => e.position));
  });
});

describe("catch-up subscriptions", () => {
  it("applies stream prefixes and event types together, with caughtUp at the last position read", async () => {
    await store.append("candidate-1", [newEvent("Kept"), newEvent("Other")], "no_stream");
    await store.append("company-1", [newEvent("Kept")], "no_stream");
    const subscription = store.subscribe({
      filter: { streamPrefixes: ["candidate-"], eventTypes: ["Kept"] },
    });
    const seen: string[] = [];
    for await (const message of subscription) {
      if (message.kind === "caughtUp") {
        seen.push(
          `caughtUp@${message.position === (await store.headPosition()) ? "head" : message.position}`,
        );
        await store.append("candidate-2", [newEvent("Other"), newEvent("Kept")], "no_stream");
        await store.append("company-2", [newEvent("Kept")], "no_stream");
        continue;
      }
      seen.push(`${message.event.streamId}/${message.event.type}`);
      if (message.event.streamId === "candidate-2") break;
    }
    await subscription.close();
    expect(seen).toEqual(["candidate-1/Kept", "caughtUp@head", "candidate-2/Kept"]);
  });
});

describe("reading a stream", () => {
  it("reads backwards from the start as the first event, and forwards from the end as nothing", async () => {
    await store.append("candidate-50", [newEvent("A"), newEvent("B"), newEvent("C")], "no_stream");
    const revisions = async (options: Parameters<typeof store.readStream>[1]) =>
      (await collect(store.readStream("candidate-50", options))).map((e) => e.revision);
    expect(await revisions({ direction: "backwards", fromRevision: "start" })).toEqual([0]);
    expect(await revisions({ direction: "backwards", fromRevision: 10 })).toEqual([2, 1, 0]);
    expect(await revisions({ fromRevision: "end" })).toEqual([]);
    expect(await revisions({ fromRevision: 1, maxCount: 1 })).toEqual([1]);
  });
});
