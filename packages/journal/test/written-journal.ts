import { join } from "node:path";
import type { RecordedEvent } from "@insieme/kernel";
import { JOURNAL_FILE } from "../src/index.js";
import { collect, event, events } from "./journal-files.js";
import { mustOpen, tempDir } from "./temp-journal.js";

/** A closed journal with events in several streams, metadata and a deleted stream. */
export const writtenJournal = async (): Promise<{ dir: string; file: string; all: RecordedEvent[] }> => {
  const dir = await tempDir();
  const store = await mustOpen(dir, { create: true });
  for (let i = 0; i < 40; i++) {
    const stream = `stream-${i % 7}`;
    const state = await store.streamState(stream);
    await store.append(
      stream,
      [event({ i, note: "x".repeat(i * 13) }), ...events(i % 3)],
      state.revision ?? "no_stream",
    );
  }
  await store.setStreamMetadata("stream-1", { retention: "P10Y" });
  await store.deleteStream("stream-2", (await store.streamState("stream-2")).revision ?? "no_stream");
  await store.append("stream-3", events(2), "any");
  const all = await collect(store.readAll());
  await store.close();
  return { dir, file: join(dir, JOURNAL_FILE), all };
};
