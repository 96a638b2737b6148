import { openJournal } from "@insieme/journal";
import type { RecordedEvent } from "@insieme/kernel";
import { StatisticsReplay } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { peakRssMb, perSecond } from "../measure.js";

/** Replay into all statistics of events already in memory (loaded first, not timed). */
export const replayMemory = async (args: { dir: string }) => {
  const opened = await openJournal(args.dir, { readOnly: true });
  if (E.isLeft(opened)) throw new Error(`bench: cannot open the journal: ${opened.left.message}`);
  const events: RecordedEvent[] = [];
  for await (const event of opened.right.readAll()) events.push(event);
  await opened.right.close();
  new StatisticsReplay().applyAll(events.slice(0, Math.min(events.length, 100_000)));
  const replay = new StatisticsReplay();
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) replay.apply(events[i] as RecordedEvent);
  const ms = performance.now() - t0;
  return {
    events: replay.eventsApplied,
    ms: Math.round(ms * 10) / 10,
    eventsPerSec: perSecond(replay.eventsApplied, ms),
    peakRssMb: peakRssMb(),
  };
};
