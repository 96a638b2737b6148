import { CommandHandler, InMemoryEventStore, sequentialIds, steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { candidatePath, candidateStream, pathDecider, pathRegistry } from "./model.js";
import { type SideFigures, settleHeap } from "./side-figures.js";

/**
 * Insieme's side: the kernel's `CommandHandler` on the in-memory store. Each command is a `CommandEnvelope`
 * (command id, actor, time); every decided event is validated against its schema on the way in, the stream is
 * searched for the command id (idempotency), the store stamps `recordedAt`. The replay loads every stream through
 * the handler: each event decoded (validated) and folded.
 */
export const insiemeSide = async (candidates: number): Promise<SideFigures> => {
  const store = new InMemoryEventStore(steppingClock("2024-03-04T08:00:00.000Z", 1));
  const handler = new CommandHandler({
    store,
    registry: pathRegistry,
    decider: pathDecider,
    eventIds: sequentialIds("event"),
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
