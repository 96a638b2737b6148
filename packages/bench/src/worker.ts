/**
 * One benchmark task per process, so that each figure (and its peak RSS) is measured alone.
 * Prints one JSON line with the task's figures. Usage: node worker.js TASK JSON_ARGS
 */
import { baseline } from "./tasks/baseline.js";
import { candidatePathTask } from "./tasks/candidate-path.js";
import { commandsJournal } from "./tasks/commands-journal.js";
import { commandsMemory } from "./tasks/commands-memory.js";
import { commandsPostgres } from "./tasks/commands-postgres.js";
import { fsyncTask } from "./tasks/fsync.js";
import { generate } from "./tasks/generate.js";
import { replayJournal } from "./tasks/replay-journal.js";
import { replayMemory } from "./tasks/replay-memory.js";

// biome-ignore lint/suspicious/noExplicitAny: arguments are checked by the orchestrator that sends them
const tasks: Record<string, (args: any) => Promise<unknown>> = {
  generate,
  baseline,
  "replay-journal": replayJournal,
  "replay-memory": replayMemory,
  "commands-memory": commandsMemory,
  "commands-journal": commandsJournal,
  "commands-postgres": commandsPostgres,
  "candidate-path": candidatePathTask,
  fsync: fsyncTask,
};

const [task = "", json = "{}"] = process.argv.slice(2);
const run = tasks[task];
if (run === undefined) {
  console.error(`bench worker: unknown task '${task}' (known: ${Object.keys(tasks).join(", ")})`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await run(JSON.parse(json)))}\n`);
