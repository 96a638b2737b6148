import { CommandHandler, InMemoryEventStore, sequentialIds, steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { candidatePath, candidateStream, pathDecider, pathRegistry } from "./model.js";
import { type SideFigures, settleHeap } from "./side-figures.js";

/**
 * Insieme's side: the kernel's `CommandHandler` on the in-memory store, with its cache of folded states off
 * (`maxCachedStreams: 0`), so that each command reads its stream as Emmett's handler does and the replay reads
 * every stream from the store. Each command is a `CommandEnvelope` (command id, actor, time); every decided event
 * is validated against its schema on the way in, the command id is looked up in the store's command index
 * (idempotency), the store stamps `recordedAt`. The replay loads every stream through the handler: each event
 * decoded (validated) and folded.
 */
export const insiemeSide = async (candidates: number): Promise<SideFigures> => {
  const store = new InMemoryEventStore(steppingClock("2024-03-04T08:00:00.000Z", 1));
  const handler = new CommandHandler({
    store,
    registry: pathRegistry,
    decider: pathDecider,
    eventIds: sequentialIds("event"),
    maxCachedStreams: 0,
  });
  const actor = { id: "operator-1", role: "operator" };
  let refused = 0;
  const t0 = performance.now();
  for (let i = 0; i < candidates; i++) {
    const streamId = candidateStream(i);
    const path = candidatePath(i);
    for (let c = 0; c < path.length; c++) {
      const outcome = await handler.handle({
        commandId: `command-${i}-${c}`,
        streamId,
        command: path[c] as (typeof path)[number],
        occurredAt: "2024-03-04T09:00:00.000Z",
        actor,
      });
      if (E.isLeft(outcome)) refused++;
    }
  }
  const commandsMs = performance.now() - t0;
  settleHeap();
  let events = 0;
  let placed = 0;
  const t1 = performance.now();
  for (let i = 0; i < candidates; i++) {
    const loaded = await handler.load(candidateStream(i));
    if (E.isLeft(loaded)) throw new Error(`bench: replay of ${candidateStream(i)}: ${loaded.left.message}`);
    events += (loaded.right.revision ?? -1) + 1;
    if (loaded.right.state.step === 5) placed++;
  }
  const replayMs = performance.now() - t1;
  return { candidates, refused, placed, events, commandsMs, replayMs };
};
