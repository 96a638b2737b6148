import { join } from "node:path";
import { FilePersonalDataVault, loadConfiguration, PERSON_KEY_FILE } from "@insieme/domain";
import { createPool } from "@insieme/postgres";
import { openSqliteDatabase, postgresDatabase, Worklists } from "@insieme/worklists";
import * as E from "fp-ts/lib/Either.js";
import { loadAuthenticator } from "./authenticator.js";
import { ConfigError, configFromEnv } from "./config.js";
import { eventStoreDbSource, journalSource, postgresSource, programmeSource } from "./event-source.js";
import { loadOrCreatePersonKey, openPersonKeyWith } from "./person-key.js";
import { buildCaseService } from "./server.js";

/** `pnpm --filter @insieme/example-case-service start`: the service on the configuration of the environment. */
const main = async (): Promise<void> => {
  const config = configFromEnv(process.env, process.env.INIT_CWD ?? process.cwd());
  const configuration = await loadConfiguration(config.configuration);
  if (E.isLeft(configuration))
    throw new ConfigError(`INSIEME_CONFIG: ${configuration.left.where}: ${configuration.left.message}`);
  const authenticator = config.auth === null ? undefined : await loadAuthenticator(config.auth);
  const personKeyFile = join(config.keysDir, PERSON_KEY_FILE);
  if (config.eventsInPostgres && config.postgresUrl === null)
    throw new ConfigError("INSIEME_EVENTS_IN_POSTGRES is true but INSIEME_POSTGRES_URL is not set");
  // A journal records the person key's fingerprint in its header and refuses another key.
  const { key: personKey, store: sharedSource } =
    config.eventsInPostgres && config.postgresUrl !== null
      ? { key: await loadOrCreatePersonKey(personKeyFile), store: await postgresSource(config.postgresUrl) }
      : config.eventStoreDbUrl === null
        ? await openPersonKeyWith(personKeyFile, (fingerprint) => journalSource(config.journal, fingerprint))
        : {
            key: await loadOrCreatePersonKey(personKeyFile),
            store: await eventStoreDbSource(config.eventStoreDbUrl),
          };
  // With INSIEME_PROGRAMME the service sees that programme's streams only (a store several programmes share).
  const source = await Promise.resolve()
    .then(() => programmeSource(sharedSource, config.programme))
    .catch(async (error: unknown) => {
      await sharedSource.close();
      throw error;
    });
  // The work lists: in PostgreSQL with INSIEME_POSTGRES_URL (schema insieme_worklists, or
  // insieme_worklists_<programme>), else in a SQLite file.
  const listsSchema =
    config.programme === null
      ? "insieme_worklists"
      : `insieme_worklists_${config.programme.replace(/-/g, "_")}`;
  const worklists = await Worklists.open(
    config.postgresUrl === null
      ? openSqliteDatabase(config.worklistsFile)
      : await postgresDatabase(createPool(config.postgresUrl, 4), listsSchema, { ownsPool: true }),
  );
  const service = await buildCaseService({
    source,
    configuration: configuration.right,
    personKey,
    vault: new FilePersonalDataVault(join(config.keysDir, "persons")),
    logger: true,
    limits: config.limits,
    worklists,
    ...(authenticator === undefined ? {} : { authenticator }),
  });
  const url = await service.listen(config.host, config.port);
  process.stdout.write(
    `case service on ${url} (store: ${source.kind} ${source.location})\n  dashboard: ${url}/dashboard/\n${
      authenticator === undefined
        ? "  local mode: no INSIEME_AUTH_PUBLIC_KEY, so commands, candidates and the raw report answer 401\n"
        : `  callers: bearer JWTs verified with ${config.auth?.publicKeyFile}\n`
    }`,
  );
  const stop = () => {
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`case service: could not close cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
};

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`case service: ${message}\n`);
  process.exit(1);
});
