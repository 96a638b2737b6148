import type { ServerResponse } from "node:http";
import type { HttpError } from "./http-errors.js";
import type { LiveStatistics } from "./live-statistics.js";

const HEARTBEAT_MS = 15_000;

/** How many event streams may be open at once: in all, and for one caller. */
export interface EventStreamLimits {
  readonly maxEventStreams: number;
  readonly maxEventStreamsPerCaller: number;
}

const tooMany = (message: string): HttpError => ({
  status: 429,
  body: { error: "too-many-event-streams", message },
  headers: { "retry-after": "30" },
});

/**
 * Open server-sent-event connections, bounded in all and per caller (so that one client cannot hold every socket),
 * and ended when the service closes instead of waiting for clients.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly perCaller = new Map<string, number>();

  constructor(
    private readonly live: LiveStatistics,
    private readonly limits: EventStreamLimits,
  ) {}

  /** The refusal a new stream of `caller` would get now, or null when it may open. */
  refusal(caller: string): HttpError | null {
    if (this.open.size >= this.limits.maxEventStreams)
      return tooMany(`the service already serves ${this.limits.maxEventStreams} event streams`);
    if ((this.perCaller.get(caller) ?? 0) >= this.limits.maxEventStreamsPerCaller)
      return tooMany(`at most ${this.limits.maxEventStreamsPerCaller} event streams per caller`);
    return null;
  }

  /** Streams `recorded` notifications (the last applied position) until the client goes away. */
  attach(response: ServerResponse, caller: string): void {
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
    this.perCaller.set(caller, (this.perCaller.get(caller) ?? 0) + 1);
    response.on("close", () => {
      stopListening();
      clearInterval(heartbeat);
      this.open.delete(response);
      const left = (this.perCaller.get(caller) ?? 1) - 1;
      if (left === 0) this.perCaller.delete(caller);
      else this.perCaller.set(caller, left);
    });
  }

  /** How many streams are open (for tests and health checks). */
  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const response of this.open) response.end();
  }
}
