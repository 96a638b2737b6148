import { once } from "node:events";
import type streamsPb from "@eventstore/db-client/generated/streams_pb.js";
import {
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import type { ProposedRecord, StandInLog, StandInRecord } from "./log.js";
import {
  AppendResp,
  Empty,
  expectedOf,
  expectedVersionNumber,
  ReadResp,
  recordedEvent,
  serverException,
  streamDeletedException,
  streamIdentifier,
  streamName,
  TombstoneResp,
} from "./messages.js";

type ReadReq = streamsPb.ReadReq;
type ReadOptions = streamsPb.ReadReq.Options;
type AppendReq = streamsPb.AppendReq;
type TombstoneReq = streamsPb.TombstoneReq;
type ReadRespMessage = streamsPb.ReadResp;

/** Filtered reads and subscriptions: EventStoreDB matches one dimension by prefixes or by regex. */
interface CompiledFilter {
  readonly test: (record: StandInRecord) => boolean;
  /** Scanned events between two checkpoint replies. */
  readonly checkpointEvery: number;
}

const compileFilter = (options: ReadOptions): CompiledFilter | null => {
  const filter = options.getFilter();
  if (!options.hasFilter() || filter === undefined) return null;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : null;
  const window = filter.hasMax() ? filter.getMax() : 32;
  return {
    test: (record) => {
      const value = onStream ? record.streamName : record.type;
      if (prefixes.length > 0) return prefixes.some((p) => value.startsWith(p));
      return regex === null || regex.test(value);
    },
    checkpointEvery: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())),
  };
};

/** Writes with backpressure; resolves false once the call is cancelled. */
const sender =
  (call: ServerWritableStream<ReadReq, ReadRespMessage>, signal: AbortSignal) =>
  async (message: ReadRespMessage): Promise<boolean> => {
    if (signal.aborted) return false;
    if (!call.write(message)) {
      try {
        await once(call, "drain", { signal });
      } catch {
        return false;
      }
    }
    return !signal.aborted;
  };

const checkpoint = (position: bigint): ReadRespMessage =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()),
  );

/** The `event_store.client.streams.Streams` service for what the adapter uses; Delete and BatchAppend are not served. */
export const streamsService = (log: StandInLog, shutdown: AbortSignal): UntypedServiceImplementation => {
  const readStream = async (
    options: ReadOptions,
    send: (m: ReadRespMessage) => Promise<boolean>,
    call: ServerWritableStream<ReadReq, ReadRespMessage>,
  ) => {
    const stream = options.getStream();
    const name = streamName(stream?.getStreamIdentifier());
    if (options.hasSubscription()) {
      call.emit(
        "error",
        serverException(status.UNIMPLEMENTED, "the stand-in serves $all subscriptions only", {}),
      );
      return;
    }
    if (log.isTombstoned(name)) {
      call.emit("error", streamDeletedException(name));
      return;
    }
    if (!log.exists(name)) {
      await send(
        new ReadResp().setStreamNotFound(
          new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)),
        ),
      );
      call.end();
      return;
    }
    const records = log.streamRecords(name);
    const count = BigInt(options.getCount());
    const backwards = options.getReadDirection() === 1;
    // Start is revision 0 and end is past the last revision, in both directions (as EventStoreDB reads them).
    const from = stream?.hasRevision() ? BigInt(stream.getRevision()) : stream?.hasStart() ? 0n : null;
    const selected = backwards
      ? records.filter((r) => from === null || r.revision <= from).reverse()
      : records.filter((r) => (stream?.hasEnd() ? false : from === null || r.revision >= from));
    let sent = 0n;
    for (const record of selected) {
      if (sent >= count) break;
      if (!(await send(new ReadResp().setEvent(recordedEvent(record))))) return;
      sent++;
    }
    call.end();
  };

  const readAll = async (
    options: ReadOptions,
    send: (m: ReadRespMessage) => Promise<boolean>,
    call: ServerWritableStream<ReadReq, ReadRespMessage>,
  ) => {
    const all = options.getAll();
    const filter = compileFilter(options);
    const count = BigInt(options.getCount());
    const backwards = options.getReadDirection() === 1;
    const position = all?.hasPosition() ? BigInt(all.getPosition()?.getCommitPosition() ?? "0") : null;
    let sent = 0n;
    if (backwards) {
      let index = all?.hasStart()
        ? -1
        : position === null
          ? log.length - 1
          : log.indexAtOrAfter(position) - 1;
      for (; index >= 0 && sent < count; index--) {
        const record = log.at(index) as StandInRecord;
        if (filter !== null && !filter.test(record)) continue;
        if (!(await send(new ReadResp().setEvent(recordedEvent(record))))) return;
        sent++;
      }
    } else {
      let index = all?.hasEnd() ? log.length : position === null ? 0 : log.indexAtOrAfter(position);
      for (; index < log.length && sent < count; index++) {
        const record = log.at(index) as StandInRecord;
        if (filter !== null && !filter.test(record)) continue;
        if (!(await send(new ReadResp().setEvent(recordedEvent(record))))) return;
        sent++;
      }
    }
    call.end();
  };

  /** Confirmation, history after the position (exclusive), checkpoints, `caughtUp`, then live events. */
  const subscribeToAll = async (
    options: ReadOptions,
    send: (m: ReadRespMessage) => Promise<boolean>,
    signal: AbortSignal,
  ) => {
    const all = options.getAll();
    const filter = compileFilter(options);
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID());
    if (!(await send(new ReadResp().setConfirmation(confirmation)))) return;
    let index = all?.hasEnd()
      ? log.length
      : all?.hasPosition()
        ? log.indexAtOrAfter(BigInt(all.getPosition()?.getCommitPosition() ?? "0") + 1n)
        : 0;
    let scanned = 0;
    let caughtUp = false;
    while (!signal.aborted) {
      for (; index < log.length; index++) {
        const record = log.at(index) as StandInRecord;
        scanned++;
        if (filter === null || filter.test(record)) {
          if (!(await send(new ReadResp().setEvent(recordedEvent(record))))) return;
        } else if (scanned % filter.checkpointEvery === 0) {
          if (!(await send(checkpoint(record.position)))) return;
        }
      }
      if (!caughtUp) {
        caughtUp = true;
        const last = log.at(index - 1);
        if (filter !== null && last !== undefined && !(await send(checkpoint(last.position)))) return;
        if (!(await send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
      }
      await log.waitForAppend(index, signal);
    }
  };

  return {
    read: async (call: ServerWritableStream<ReadReq, ReadRespMessage>) => {
      const stop = new AbortController();
      const signal = AbortSignal.any([stop.signal, shutdown]);
      call.on("cancelled", () => stop.abort());
      call.on("close", () => stop.abort());
      const send = sender(call, signal);
      const options = call.request.getOptions();
      if (options === undefined) {
        call.emit("error", serverException(status.INVALID_ARGUMENT, "read without options", {}));
        return;
      }
      if (options.hasStream()) await readStream(options, send, call);
      else if (options.hasSubscription()) await subscribeToAll(options, send, signal);
      else await readAll(options, send, call);
    },

    append: async (
      call: ServerReadableStream<AppendReq, streamsPb.AppendResp>,
      callback: sendUnaryData<streamsPb.AppendResp>,
    ) => {
      let options: streamsPb.AppendReq.Options | undefined;
      const proposed: ProposedRecord[] = [];
      try {
        for await (const request of call as AsyncIterable<AppendReq>) {
          const message = request.getProposedMessage();
          if (request.hasOptions()) options = request.getOptions();
          else if (message !== undefined) {
            const metadata = message.getMetadataMap();
            proposed.push({
              id: message.getId()?.getString() ?? crypto.randomUUID(),
              type: metadata.get("type") ?? "",
              contentType: metadata.get("content-type") ?? "application/octet-stream",
              data: message.getData_asU8(),
              customMetadata: message.getCustomMetadata_asU8(),
            });
          }
        }
      } catch {
        // The client went away mid-request: like EventStoreDB, write nothing.
        return;
      }
      if (options === undefined) {
        callback(serverException(status.INVALID_ARGUMENT, "append without options", {}));
        return;
      }
      const name = streamName(options.getStreamIdentifier());
      const expected = expectedOf(options);
      const result = log.append(name, expected, proposed);
      if (result.kind === "deleted") {
        callback(streamDeletedException(name));
        return;
      }
      if (result.kind === "wrong-version") {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (result.current === null) wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(result.current.toString());
        if (expected.kind === "revision") wrong.setExpectedRevision(expected.revision.toString());
        else if (expected.kind === "no_stream") wrong.setExpectedNoStream(new Empty());
        else if (expected.kind === "stream_exists") wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedAny(new Empty());
        callback(null, new AppendResp().setWrongExpectedVersion(wrong));
        return;
      }
      const success = new AppendResp.Success();
      if (result.lastRevision === null) success.setNoStream(new Empty());
      else success.setCurrentRevision(result.lastRevision.toString());
      if (result.position === null) success.setNoPosition(new Empty());
      else {
        const at = result.position.toString();
        success.setPosition(new AppendResp.Position().setCommitPosition(at).setPreparePosition(at));
      }
      callback(null, new AppendResp().setSuccess(success));
    },

    tombstone: (
      call: ServerUnaryCall<TombstoneReq, streamsPb.TombstoneResp>,
      callback: sendUnaryData<streamsPb.TombstoneResp>,
    ) => {
      const options = call.request.getOptions();
      if (options === undefined) {
        callback(serverException(status.INVALID_ARGUMENT, "tombstone without options", {}));
        return;
      }
      const name = streamName(options.getStreamIdentifier());
      const expected = expectedOf(options);
      const result = log.tombstone(name, expected);
      if (result.kind === "deleted") {
        callback(streamDeletedException(name));
        return;
      }
      if (result.kind === "wrong-version") {
        const actual = result.current ?? -1n;
        callback(
          serverException(status.FAILED_PRECONDITION, `WrongExpectedVersion on '${name}': actual ${actual}`, {
            exception: "wrong-expected-version",
            "stream-name": name,
            "expected-version": expectedVersionNumber(expected).toString(),
            "actual-version": actual.toString(),
          }),
        );
        return;
      }
      const at = (result.position ?? 0n).toString();
      callback(
        null,
        new TombstoneResp().setPosition(
          new TombstoneResp.Position().setCommitPosition(at).setPreparePosition(at),
        ),
      );
    },
  };
};
