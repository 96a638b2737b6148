import { startPostgresServer } from "@insieme/testing";
import { fmt } from "./markdown.js";
import { runTask } from "./run-task.js";

export interface PostgresCommandFigures {
  readonly commands: number;
  readonly refused: number;
  readonly clients: number;
  readonly ms: number;
  readonly commandsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly events: number;
  readonly worklistLagP50Events: number;
  readonly worklistLagMaxEvents: number;
  readonly worklistLagP50Ms: number;
  readonly worklistLagP99Ms: number;
  readonly worklistLagMaxMs: number;
  readonly worklistCatchUpAfterLoadMs: number;
  readonly replayEvents: number;
  readonly replayEventsPerSec: number;
}

/**
 * The PostgreSQL store under the commands workload with 1 and with `clients` clients, the work lists following
 * in the same database, then a replay. The server is the embedded one the tests use (or INSIEME_POSTGRES_URL).
 */
export const postgresBench = async (
  count: number,
  clients: number,
  seed: number,
  log: (line: string) => void,
): Promise<{ server: string; runs: PostgresCommandFigures[]; figures: Record<string, number> }> => {
  const server = await startPostgresServer();
  try {
    const runs: PostgresCommandFigures[] = [];
    for (const n of [1, clients]) {
      log(
        `· ${fmt(count)} commands on PostgreSQL (${server.origin} server), ${n} client${n === 1 ? "" : "s"}`,
      );
      const run = await runTask<PostgresCommandFigures>("commands-postgres", {
        url: server.url,
        schema: `bench_${n}`,
        count,
        clients: n,
        seed,
      });
      log(
        `  ${fmt(run.commandsPerSec)} commands/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms; work lists lag p50 ${run.worklistLagP50Events} / max ${run.worklistLagMaxEvents} events, p50 ${run.worklistLagP50Ms} / p99 ${run.worklistLagP99Ms} / max ${run.worklistLagMaxMs} ms; replay ${fmt(run.replayEventsPerSec)} events/s`,
      );
      runs.push(run);
    }
    const [one, many] = runs as [PostgresCommandFigures, PostgresCommandFigures];
    return {
      server: server.origin,
      runs,
      figures: {
        postgresCommands1PerSec: one.commandsPerSec,
        postgresCommands1P50Ms: one.p50Ms,
        postgresCommands1P99Ms: one.p99Ms,
        postgresCommandsManyPerSec: many.commandsPerSec,
        postgresCommandsManyP50Ms: many.p50Ms,
        postgresCommandsManyP99Ms: many.p99Ms,
        postgresClients: many.clients,
        postgresReplayEventsPerSec: many.replayEventsPerSec,
        worklistLagMaxEvents: Math.max(one.worklistLagMaxEvents, many.worklistLagMaxEvents),
        worklistLagP50Events: many.worklistLagP50Events,
        worklistLagP50Ms: many.worklistLagP50Ms,
        worklistLagP99Ms: many.worklistLagP99Ms,
        worklistLagMaxMs: Math.max(one.worklistLagMaxMs, many.worklistLagMaxMs),
        worklistCatchUpAfterLoadMs: many.worklistCatchUpAfterLoadMs,
      },
    };
  } finally {
    await server.stop();
  }
};
