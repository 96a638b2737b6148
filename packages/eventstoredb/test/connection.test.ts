import { createServer, type Server, type Socket } from "node:net";
import { isLeft, isRight } from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { connectEventStoreDb, EventStoreDbError, redactConnectionString } from "../src/index.js";
import { connect, newEvent } from "./helpers.js";
import { startStandIn } from "./stand-in/server.js";

/** A port nothing listens on: the kernel refuses the connection at once. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
};

/** Accepts TCP connections and never answers: the case where only timeouts prevent a hang. */
const blackHole = async (): Promise<{ port: number; server: Server; sockets: Set<Socket> }> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { port: address.port, server, sockets };
};

describe("connecting", () => {
  it("reports a refused connection as EventStoreDbUnreachable after the configured attempts", async () => {
    const port = await closedPort();
    const started = Date.now();
    const connected = await connectEventStoreDb(`esdb://127.0.0.1:${port}?tls=false`, {
      attempts: 3,
      retryBackoffMs: 50,
      operationTimeoutMs: 2_000,
    });
    const elapsed = Date.now() - started;
    expect(isLeft(connected) && connected.left._tag).toBe("EventStoreDbUnreachable");
    if (isLeft(connected) && connected.left._tag === "EventStoreDbUnreachable") {
      expect(connected.left.attempts).toBe(3);
      expect(connected.left.cause.reason).toBe("unreachable");
      expect(connected.left.message).toContain(`127.0.0.1:${port}`);
      expect(connected.left.message).toContain("after 3 attempts");
    }
    // Bounded: three refused attempts and two short waits, nowhere near the 20 s a TCP connect can take.
    expect(elapsed).toBeLessThan(15_000);
  });

  it("gives up on a server that accepts but never answers with a timeout, not a hang", async () => {
    const hole = await blackHole();
    try {
      const connected = await connectEventStoreDb(`esdb://127.0.0.1:${hole.port}?tls=false`, {
        attempts: 1,
        operationTimeoutMs: 1_000,
      });
      expect(
        isLeft(connected) && connected.left._tag === "EventStoreDbUnreachable" && connected.left.cause.reason,
      ).toBe("timeout");
    } finally {
      for (const socket of hole.sockets) socket.destroy();
      await new Promise<void>((resolve) => hole.server.close(() => resolve()));
    }
  });

  it("rejects malformed connection strings and options with the field at fault", async () => {
    const badString = await connectEventStoreDb("http://localhost:2113");
    expect(isLeft(badString) && badString.left).toMatchObject({
      _tag: "InvalidEventStoreDbConfig",
      field: "connectionString",
    });
    const badOption = await connectEventStoreDb("esdb://localhost:2113?tls=false", { attempts: 0 });
    expect(isLeft(badOption) && badOption.left).toMatchObject({
      _tag: "InvalidEventStoreDbConfig",
      field: "attempts",
    });
    const unknownOption = await connectEventStoreDb("esdb://localhost:2113?tls=false", {
      retries: 2,
    } as never);
    expect(isLeft(unknownOption) && unknownOption.left._tag).toBe("InvalidEventStoreDbConfig");
  });

  it("describes the store without the credentials of the connection string", async () => {
    expect(redactConnectionString("esdb://admin:changeit@node1:2113,node2:2113?tls=true")).toBe(
      "esdb://node1:2113,node2:2113?tls=true",
    );
    const standIn = await startStandIn();
    const store = await connect(standIn.connectionString);
    expect(store.describe()).toEqual({ kind: "eventstoredb", location: standIn.connectionString });
    await store.close();
    await standIn.stop();
  });
});

describe("losing the server", () => {
  it("fails operations with a typed unreachable error once the node is gone", async () => {
    const standIn = await startStandIn();
    const store = await connect(standIn.connectionString, {
      attempts: 2,
      retryBackoffMs: 50,
      operationTimeoutMs: 2_000,
    });
    expect(isRight(await store.append("candidate-1", [newEvent("A")], "no_stream"))).toBe(true);
    await standIn.stop();
    const failure = await store.append("candidate-1", [newEvent("B")], 0).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventStoreDbError);
    expect(["unreachable", "timeout"]).toContain((failure as EventStoreDbError).reason);
    expect((failure as EventStoreDbError).operation).toBe("append to 'candidate-1'");
    await store.close();
  });

  it("resumes a live subscription after the node restarts, without repeating or losing events", async () => {
    const first = await startStandIn();
    const store = await connect(first.connectionString, {
      attempts: 10,
      retryBackoffMs: 100,
      operationTimeoutMs: 2_000,
    });
    await store.append("candidate-1", [newEvent("A")], "no_stream");
    const subscription = store.subscribe({ filter: { streamPrefixes: ["candidate-"] } });
    const seen: string[] = [];
    let restarted: Awaited<ReturnType<typeof startStandIn>> | undefined;
    for await (const message of subscription) {
      if (message.kind === "caughtUp") {
        await store.append("candidate-1", [newEvent("B")], 0);
        continue;
      }
      seen.push(message.event.type);
      if (message.event.type === "B") {
        await first.stop();
        restarted = await startStandIn({ log: first.log, port: first.port });
        await store.append("candidate-1", [newEvent("C")], 1);
      }
      if (message.event.type === "C") break;
    }
    await subscription.close();
    expect(seen).toEqual(["A", "B", "C"]);
    await store.close();
    await restarted?.stop();
  });
});
