import { openJournal } from "@insieme/journal";
import { InMemoryEventStore, type RecordedEvent, steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { peakRssMb } from "../measure.js";
import { benchApp, programmeCommands } from "../programme.js";

/**
 * Writes a journal of `events` events for the replay runs. Up to `realEvents` they come from the synthetic
 * programme's commands sent through the public API; beyond that (the 10M run) the real history is replayed again
 * under new stream ids (`~copy` suffix), keeping its shape, so generation does not dominate the benchmark.
 */
export const generate = async (args: { events: number; dir: string; seed: number; realEvents: number }) => {
  const t0 = performance.now();
  const memory = new InMemoryEventStore(steppingClock("2017-05-01T08:00:00.000Z", 1000));
  const app = benchApp(memory);
  const realTarget = Math.min(args.events, args.realEvents);
  let commands = 0;
  let refused = 0;
  for (const command of programmeCommands(args.seed, realTarget)) {
    const head = (await memory.headPosition()) ?? -1;
    if (head >= realTarget - 1) break;
    commands++;
    if (E.isLeft(await app.execute(command))) refused++;
  }
  const base = [...memory.events()].slice(0, realTarget);
  const generatedMs = performance.now() - t0;

  async function* history(): AsyncGenerator<RecordedEvent> {
    let emitted = 0;
    for (let copy = 0; emitted < args.events; copy++) {
      for (const event of base) {
        if (emitted >= args.events) return;
        emitted++;
        if (copy === 0) {
          yield event;
          continue;
        }
        const data = event.data as Record<string, unknown>;
        const id = data.candidateId;
        yield {
          ...event,
          eventId: `${event.eventId}~${copy}`,
          streamId: `${event.streamId}~${copy}`,
          data: typeof id === "string" ? { ...data, candidateId: `${id}~${copy}` } : data,
        };
      }
    }
  }

  const opened = await openJournal(args.dir, { create: true });
  if (E.isLeft(opened)) throw new Error(`bench: cannot create the journal: ${opened.left.message}`);
  const journal = opened.right;
  const imported = await journal.importHistory(history());
  await journal.close();
  if (E.isLeft(imported)) throw new Error(`bench: import failed: ${imported.left.message}`);
  return {
    events: imported.right.events,
    streams: imported.right.streams,
    commands,
    refused,
    generatedMs: Math.round(generatedMs),
    totalMs: Math.round(performance.now() - t0),
    peakRssMb: peakRssMb(),
  };
};
