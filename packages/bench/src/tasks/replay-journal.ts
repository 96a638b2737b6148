import { domainRegistry } from "@insieme/domain";
import { openJournal } from "@insieme/journal";
import { replayStore } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { peakRssMb, perSecond } from "../measure.js";

/** Replay from the journal file: read, parse, check the hash chain, validate and upcast, apply to all statistics. */
export const replayJournal = async (args: { dir: string }) => {
  const opened = await openJournal(args.dir, { readOnly: true });
  if (E.isLeft(opened)) throw new Error(`bench: cannot open the journal: ${opened.left.message}`);
  const store = opened.right;
  const t0 = performance.now();
  const replayed = await replayStore(store, {
    decode: (event) => domainRegistry.decodeRecorded(event),
    hashEvents: false,
  });
  const ms = performance.now() - t0;
  await store.close();
  if (E.isLeft(replayed)) throw new Error(`bench: replay failed: ${replayed.left.message}`);
  return {
    events: replayed.right.events,
    ms: Math.round(ms),
    eventsPerSec: perSecond(replayed.right.events, ms),
    peakRssMb: peakRssMb(),
  };
};
