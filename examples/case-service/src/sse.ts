import type { ServerResponse } from "node:http";
import type { LiveStatistics } from "./live-statistics.js";

const HEARTBEAT_MS = 15_000;

/** Open server-sent-event connections, so that closing the service ends them instead of waiting for clients. */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly live: LiveStatistics) {}

  /** Streams `recorded` notifications (the last applied position) until the client goes away. */
  attach(response: ServerResponse): void {
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    const send = (event: string, data: unknown) =>
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    response.write("retry: 2000\n\n");
    send("ready", { position: this.live.snapshot().lastPosition });
    const stopListening = this.live.onRecorded((position) => send("recorded", { position }));
    const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), HEARTBEAT_MS);
    this.open.add(response);
    response.on("close", () => {
      stopListening();
      clearInterval(heartbeat);
      this.open.delete(response);
    });
  }

  closeAll(): void {
    for (const response of this.open) response.end();
  }
}
