import sharedPb from "@eventstore/db-client/generated/shared_pb.js";
import streamsPb from "@eventstore/db-client/generated/streams_pb.js";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import type { Expected, StandInRecord } from "./log.js";

// Replies are built from the client package's own message classes: its serializers check `instanceof`.
export const { ReadResp, AppendResp, TombstoneResp, ReadReq } = streamsPb;
export const { Empty, UUID, StreamIdentifier } = sharedPb;

export const streamName = (identifier: InstanceType<typeof StreamIdentifier> | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString("utf8");

export const streamIdentifier = (name: string): InstanceType<typeof StreamIdentifier> =>
  new StreamIdentifier().setStreamName(Buffer.from(name, "utf8"));

/** The `ExpectedStreamRevisionCase` numbers are the same in AppendReq, DeleteReq and TombstoneReq options. */
export const expectedOf = (options: {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}): Expected => {
  if (options.hasRevision()) return { kind: "revision", revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: "no_stream" };
  if (options.hasStreamExists()) return { kind: "stream_exists" };
  return { kind: "any" };
};

/** EventStoreDB's long encoding of an expectation in error trailers: any −2, no stream −1, stream exists −4. */
export const expectedVersionNumber = (expected: Expected): bigint => {
  switch (expected.kind) {
    case "any":
      return -2n;
    case "no_stream":
      return -1n;
    case "stream_exists":
      return -4n;
    case "revision":
      return expected.revision;
  }
};

export const recordedEvent = (record: StandInRecord): InstanceType<typeof ReadResp.ReadEvent> => {
  const event = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setCustomMetadata(record.customMetadata)
    .setData(record.data);
  event
    .getMetadataMap()
    .set("type", record.type)
    .set("content-type", record.contentType)
    .set("created", record.created.toString());
  return new ReadResp.ReadEvent().setEvent(event).setCommitPosition(record.position.toString());
};

/** A gRPC error carrying EventStoreDB's `exception` trailer, which the client turns into its typed errors. */
export const serverException = (
  code: status,
  details: string,
  trailers: Readonly<Record<string, string>>,
): Partial<ServiceError> => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
};

export const streamDeletedException = (name: string): Partial<ServiceError> =>
  serverException(status.FAILED_PRECONDITION, `Event stream '${name}' is deleted.`, {
    exception: "stream-deleted",
    "stream-name": name,
  });
