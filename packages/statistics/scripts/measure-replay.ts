/**
 * Scratch measurement of the statistics' replay speed and memory (not a test; the project benchmark is `pnpm bench`).
 * Generates a synthetic programme through the domain's application service into the in-memory store, widens it
 * to the target number of events by replicating candidate streams under new ids, then replays everything into
 * all eleven projections together.
 *
 *   TSX_TSCONFIG_PATH=tsconfig.check.json node --expose-gc --import tsx packages/statistics/scripts/measure-replay.ts [events] [candidates]
 */

import { createInsieme, ILLUSTRATIVE_CONFIGURATION, InMemoryPersonalDataVault } from "@insieme/domain";
import { InMemoryEventStore, type RecordedEvent, sequentialIds, steppingClock } from "@insieme/kernel";
import { syntheticProgramme } from "@insieme/scenarios";
import * as E from "fp-ts/lib/Either.js";
import { StatisticsReplay } from "../src/index.js";

const targetEvents = Number(process.argv[2] ?? 1_000_000);
const candidates = Number(process.argv[3] ?? 20_000);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const store = new InMemoryEventStore(steppingClock("2021-01-01T00:00:00Z"));
const app = createInsieme({
  configuration: ILLUSTRATIVE_CONFIGURATION,
  store,
  ids: sequentialIds("ev"),
  personKey: new Uint8Array(32).fill(7),
  vault: new InMemoryPersonalDataVault(),
});
let t = performance.now();
let refused = 0;
for (const command of syntheticProgramme({ seed: 1, candidates }))
  if (E.isLeft(await app.execute(command))) refused++;
const base = [...store.events()];
console.log(
  `generated ${base.length} events from ${candidates} candidates in ${Math.round(performance.now() - t)} ms (${refused} commands refused)`,
);

// Replicas keep the shape of the base history; candidate ids (in stream and data) get a suffix per copy.
const events: RecordedEvent[] = [];
for (let copy = 0; events.length < targetEvents; copy++) {
  for (const e of base) {
    if (events.length >= targetEvents) break;
    if (copy === 0) {
      events.push(e);
      continue;
    }
    const data = e.data as Record<string, unknown>;
    const id = data.candidateId;
    // Through JSON, as a journal read would give them: flat strings, one object graph per event.
    events.push(
      JSON.parse(
        JSON.stringify({
          ...e,
          streamId: `${e.streamId}~${copy}`,
          position: events.length,
          data: typeof id === "string" ? { ...data, candidateId: `${id}~${copy}` } : data,
        }),
      ) as RecordedEvent,
    );
  }
}
gc();
const before = process.memoryUsage();
console.log(
  `events in memory: ${events.length}; rss ${mb(before.rss)} MB, heap used ${mb(before.heapUsed)} MB`,
);

// Warm-up on a separate replay so the measured one runs optimised code.
new StatisticsReplay().applyAll(events.slice(0, 200_000));
gc();
let peakRss = process.memoryUsage().rss;
const replay = new StatisticsReplay();
t = performance.now();
for (let i = 0; i < events.length; i++) {
  replay.apply(events[i] as RecordedEvent);
  if ((i & 0x3ffff) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const ms = performance.now() - t;
// Keeps the events alive up to here, so the heap figures below do not include their collection.
if (events.length === 0) console.log("no events");
peakRss = Math.max(peakRss, process.memoryUsage().rss);
gc();
const after = process.memoryUsage();
console.log(
  `replayed ${replay.eventsApplied} events into ${replay.eventTypes().length} event types / 11 statistics in ${Math.round(ms)} ms: ` +
    `${Math.round(replay.eventsApplied / (ms / 1000)).toLocaleString("en")} events/s`,
);
console.log(
  `peak rss ${mb(peakRss)} MB, of which the events held in memory ~${mb(before.heapUsed)} MB of heap; ` +
    `the projections' state as a checkpoint: ${Math.round(JSON.stringify(replay.snapshot()).length / 1024)} KB ` +
    `(heap after the replay ${mb(after.heapUsed)} MB)`,
);
