import { createServer, type Socket } from "node:net";
import streamsGrpc from "@eventstore/db-client/generated/streams_grpc_pb.js";
import { Server, ServerCredentials } from "@grpc/grpc-js";
import { StandInLog } from "./log.js";
import { streamsService } from "./streams-service.js";

export interface StandIn {
  readonly port: number;
  /** What the real client connects with: a single node, no TLS, so no gossip discovery and no credentials. */
  readonly connectionString: string;
  readonly log: StandInLog;
  /** Drops every connection at once, as a crashed node would. */
  stop(): Promise<void>;
}

/**
 * An in-process stand-in for one EventStoreDB node, serving the gRPC `Streams` service on 127.0.0.1. It does not
 * serve `ServerFeatures`, so the client assumes an unknown server version and appends with `Append` (not
 * `BatchAppend`). Pass `log` (and `port`) to restart a node over the same data.
 */
export const startStandIn = async (
  options: { readonly log?: StandInLog; readonly port?: number } = {},
): Promise<StandIn> => {
  const log = options.log ?? new StandInLog();
  const shutdown = new AbortController();
  const server = new Server();
  server.addService(streamsGrpc.StreamsService, streamsService(log, shutdown.signal));
  // Our own listener so sockets get TCP_NODELAY: grpc-js leaves Nagle on for server sockets, which on loopback
  // stalls every small reply behind the peer's delayed ACK (milliseconds per message).
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  const sockets = new Set<Socket>();
  const tcp = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    injector.injectConnection(socket);
  });
  const port = await new Promise<number>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(options.port ?? 0, "127.0.0.1", () => {
      const address = tcp.address();
      if (address === null || typeof address === "string") reject(new Error("stand-in: no TCP address"));
      else resolve(address.port);
    });
  });
  return {
    port,
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    stop: async () => {
      shutdown.abort();
      injector.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      server.forceShutdown();
    },
  };
};
