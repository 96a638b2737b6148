import { DeciderCommandHandler, getInMemoryEventStore } from "@event-driven-io/emmett";
import * as E from "fp-ts/lib/Either.js";
import {
  candidatePath,
  candidateStream,
  decidePath,
  evolvePath,
  initialPathState,
  type PathCommand,
  type PathEvent,
  type PathState,
} from "./model.js";
import { type SideFigures, settleHeap } from "./side-figures.js";

/** Emmett's command shape: a type and the data (here the whole command). */
type EmmettCommand = { readonly type: PathCommand["type"]; readonly data: PathCommand };

/**
 * Emmett's side: its `DeciderCommandHandler` on its in-memory store, with the same decider (a refusal thrown,
 * as Emmett's deciders do). No schema validation, no idempotency by command id, no recording time of its own.
 * The replay is `aggregateStream` of every stream.
 */
export const emmettSide = async (candidates: number): Promise<SideFigures> => {
  const store = getInMemoryEventStore();
  const handle = DeciderCommandHandler<PathState, EmmettCommand, PathEvent>({
    decide: (command, state) => {
      const decided = decidePath(command.data, state);
      if (E.isLeft(decided)) throw new Error(decided.left.message);
      return [...decided.right];
    },
    evolve: evolvePath,
    initialState: () => initialPathState,
  });
  let refused = 0;
  const t0 = performance.now();
  for (let i = 0; i < candidates; i++) {
    const streamId = candidateStream(i);
    for (const command of candidatePath(i)) {
      try {
        await handle(store, streamId, { type: command.type, data: command });
      } catch {
        refused++;
      }
    }
  }
  const commandsMs = performance.now() - t0;
  settleHeap();
  let events = 0;
  let placed = 0;
  const t1 = performance.now();
  for (let i = 0; i < candidates; i++) {
    const result = await store.aggregateStream<PathState, PathEvent>(candidateStream(i), {
      evolve: evolvePath,
      initialState: () => initialPathState,
    });
    events += Number(result.currentStreamVersion);
    if (result.state.step === 5) placed++;
  }
  const replayMs = performance.now() - t1;
  return { candidates, refused, placed, events, commandsMs, replayMs };
};
