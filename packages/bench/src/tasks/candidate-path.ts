import { emmettSide } from "../candidate-path/emmett-side.js";
import { insiemeSide } from "../candidate-path/insieme-side.js";
import { COMMANDS_PER_CANDIDATE } from "../candidate-path/model.js";
import { peakRssMb, perSecond } from "../measure.js";

/** One side of the candidate-path comparison (Insieme's kernel or Emmett's), in a process of its own. */
export const candidatePathTask = async (args: { side: "insieme" | "emmett"; candidates: number }) => {
  const figures =
    args.side === "emmett" ? await emmettSide(args.candidates) : await insiemeSide(args.candidates);
  const commands = figures.candidates * COMMANDS_PER_CANDIDATE;
  if (figures.refused !== 0 || figures.placed !== figures.candidates || figures.events !== commands)
    throw new Error(`bench: the ${args.side} candidate path went wrong: ${JSON.stringify(figures)}`);
  return {
    side: args.side,
    candidates: figures.candidates,
    commands,
    commandsMs: Math.round(figures.commandsMs * 10) / 10,
    commandsPerSec: perSecond(commands, figures.commandsMs),
    replayEvents: figures.events,
    replayMs: Math.round(figures.replayMs * 10) / 10,
    replayEventsPerSec: perSecond(figures.events, figures.replayMs),
    peakRssMb: peakRssMb(),
  };
};
