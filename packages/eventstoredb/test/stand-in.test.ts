import {
  EventStoreDBClient,
  jsonEvent,
  type Position,
  StreamNotFoundError,
  streamNameFilter,
} from "@eventstore/db-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect } from "./helpers.js";
import { type StandIn, startStandIn } from "./stand-in/server.js";

// The stand-in speaks to the real client exactly as the adapter relies on; these pin that protocol down.
let standIn: StandIn;
let client: EventStoreDBClient;

beforeEach(async () => {
  standIn = await startStandIn();
  client = EventStoreDBClient.connectionString(standIn.connectionString);
});

afterEach(async () => {
  await client.dispose();
  await standIn.stop();
});

describe("stand-in node", () => {
  it("answers appends with revisions and byte-offset positions, and reads with .NET-tick creation times", async () => {
    const before = Date.now();
    const result = await client.appendToStream("s-1", [
      jsonEvent({ type: "A", data: { x: 1 } }),
      jsonEvent({ type: "B", data: {} }),
    ]);
    expect(result.nextExpectedRevision).toBe(1n);
    const events = await collect(client.readStream("s-1"));
    expect(events.map((e) => [e.event?.revision, e.event?.type])).toEqual([
      [0n, "A"],
      [1n, "B"],
    ]);
    const [a, b] = events.map((e) => e.event?.position?.commit ?? 0n);
    expect(b).toBeGreaterThan((a ?? 0n) + 1n);
    expect(result.position?.commit).toBe(b);
    expect(events[0]?.event?.created.getTime()).toBeGreaterThanOrEqual(before - 1);
    await expect(collect(client.readStream("missing"))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it("confirms a filtered $all subscription, sends checkpoints and caughtUp, then live events", async () => {
    for (let i = 0; i < 40; i++)
      await client.appendToStream(`other-${i}`, jsonEvent({ type: "Noise", data: {} }));
    await client.appendToStream("wanted-1", jsonEvent({ type: "A", data: {} }));
    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      filter: streamNameFilter({
        prefixes: ["wanted-"],
        checkpointReached: (_, position) => void checkpoints.push(position),
      }),
    });
    const signals: string[] = [];
    subscription.on("confirmation", () => signals.push("confirmation"));
    subscription.on("caughtUp", () => {
      signals.push("caughtUp");
      void client.appendToStream("wanted-2", jsonEvent({ type: "B", data: {} }));
    });
    const types: string[] = [];
    for await (const resolved of subscription) {
      types.push(resolved.event?.type ?? "?");
      if (types.length === 2) break;
    }
    await subscription.unsubscribe();
    expect(types).toEqual(["A", "B"]);
    expect(signals).toEqual(["confirmation", "caughtUp"]);
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
  });
});
