import { importCommands } from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { openApplication, openKeyedJournal } from "../application.js";
import { type CliIo, processIo } from "../cli-io.js";
import { configurationOption } from "../configuration-option.js";
import { CliError } from "../errors.js";
import { asCliError, openEventStoreDb } from "../eventstoredb-store.js";
import {
  COMMAND_LINE_LIMIT,
  fileLines,
  firstLine,
  historyEvents,
  historyKeyFingerprint,
  isHistoryHeader,
} from "../history-file.js";
import { openJournalStore } from "../journal-store.js";
import { importOptionsSchema, parseOptions } from "../options.js";
import { openPostgresStore } from "../postgres-store.js";
import { inProgramme, programmeOption } from "../programme-option.js";
import { startProgress } from "../progress.js";
import { type StoreChoice, withEnvironment } from "../store-option.js";

/** Counts the lines, reading the whole file through the bounded reader: a bad line refuses it before anything is written. */
const countLines = async (path: string, maxLineBytes: number): Promise<number> => {
  let n = 0;
  for await (const _ of fileLines(path, maxLineBytes)) n++;
  return n;
};

/** Moves a history export into an empty journal, after checking every line of the file (nothing written otherwise). */
const importHistoryIntoJournal = async (
  file: string,
  journal: string,
  checked: number,
  keyFingerprint: string | undefined,
  programme: string | null,
  io: CliIo,
): Promise<void> => {
  // The new journal records the key fingerprint of the journal the history came from: its keys must come along.
  const target = await openJournalStore(journal, {
    readOnly: false,
    create: true,
    programme,
    ...(keyFingerprint === undefined ? {} : { keyFingerprint }),
  });
  try {
    const result = await target.store.importHistory(historyEvents(file));
    if (E.isLeft(result)) throw new CliError(`${journal}: ${result.left.message}`);
    io.stdout(
      `imported history: ${result.right.events} events in ${result.right.streams} streams (checked ${checked}), head position ${
        result.right.headPosition ?? "none"
      }, chain head ${target.journal.chainHead().hash}\n`,
    );
  } finally {
    await target.close();
  }
};

/**
 * Moves a history export into an EventStoreDB that holds no Insieme events yet (its own system events and
 * projection checkpoints do not count), so that a clash can never leave half a history behind.
 */
const importHistoryIntoEventStoreDb = async (
  file: string,
  choice: Extract<StoreChoice, { kind: "eventstoredb" }>,
  checked: number,
  io: CliIo,
): Promise<void> => {
  const target = await openEventStoreDb(choice);
  const { location } = target.describe();
  try {
    const head = await target.headPosition().catch(asCliError);
    if (head !== null)
      throw new CliError(
        `${location}: EventStoreDB already holds Insieme events (head position ${head}); a history is imported into an empty store only`,
      );
    const result = await target.importHistory(historyEvents(file)).catch(asCliError);
    if (E.isLeft(result)) throw new CliError(`${location}: ${result.left.message}`);
    io.stdout(
      `imported history: ${result.right.events} events in ${result.right.streams} streams (checked ${checked}), head position ${
        result.right.headPosition ?? "none"
      }, eventstoredb ${location}\n`,
    );
  } finally {
    await target.close();
  }
};

/**
 * Moves a history export into a PostgreSQL store that holds no events yet. The store imports in one transaction,
 * so a clash leaves nothing behind.
 */
const importHistoryIntoPostgres = async (
  file: string,
  choice: Extract<StoreChoice, { kind: "postgres" }>,
  checked: number,
  programme: string | null,
  io: CliIo,
): Promise<void> => {
  const store = await openPostgresStore(choice);
  const target = await Promise.resolve()
    .then(() => inProgramme(store, programme))
    .catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
  const { location } = target.describe();
  try {
    const head = await target.headPosition().catch(asCliError);
    if (head !== null)
      throw new CliError(
        `${location}: the ${programme === null ? "store" : "programme"} already holds events (head position ${head}); a history is imported into an empty ${programme === null ? "store" : "programme"} only`,
      );
    const result = await target.importHistory(historyEvents(file)).catch(asCliError);
    if (E.isLeft(result)) throw new CliError(`${location}: ${result.left.message}`);
    io.stdout(
      `imported history: ${result.right.events} events in ${result.right.streams} streams (checked ${checked}), head position ${
        result.right.headPosition ?? "none"
      }, postgres ${location}\n`,
    );
  } finally {
    await target.close();
  }
};

const importHistoryFile = async (
  file: string,
  header: string,
  store: StoreChoice,
  programme: string | null,
  io: CliIo,
): Promise<void> => {
  let checked = 0;
  for await (const _ of historyEvents(file)) checked++;
  if (store.kind === "journal")
    await importHistoryIntoJournal(file, store.path, checked, historyKeyFingerprint(header), programme, io);
  else if (store.kind === "postgres") await importHistoryIntoPostgres(file, store, checked, programme, io);
  else await importHistoryIntoEventStoreDb(file, store, checked, io);
};

/** `insieme import`: a command file through the domain's commands, or a history export moved whole. */
export const importCommand = async (file: string, raw: unknown, io: CliIo = processIo): Promise<void> => {
  const options = parseOptions(importOptionsSchema, withEnvironment(raw));
  const maxLineBytes = options.maxLineBytes ?? COMMAND_LINE_LIMIT;
  const head = await firstLine(file, maxLineBytes).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  if (head === null) throw new CliError(`${file}: the file is empty`);
  if (options.history || isHistoryHeader(head)) {
    if (!isHistoryHeader(head)) throw new CliError(`${file}:1: not a history export header`);
    await importHistoryFile(file, head, options.store, programmeOption(options.programme), io);
    return;
  }
  if (options.store.kind !== "journal")
    throw new CliError(
      `${file}: a command file is imported into a journal only (--journal); --eventstoredb takes a history export`,
      2,
    );
  const journal = options.store.path;
  const configuration = await configurationOption(options.config);
  const total = await countLines(file, maxLineBytes);
  const keyed = await openKeyedJournal(journal, programmeOption(options.programme));
  const { target } = keyed;
  try {
    const insieme = openApplication(keyed, journal, configuration);
    const progress = startProgress("import", total);
    const report = await importCommands(fileLines(file, maxLineBytes), insieme, {
      onLine: (line) => progress.update(line),
    });
    progress.stop();
    for (const error of report.errors)
      io.stderr(`${file}:${error.line}: rejected (${error.kind}): ${error.reason}\n`);
    io.stdout(
      `accepted ${report.accepted}, rejected ${report.rejected}, duplicates ${report.duplicates}${report.blank > 0 ? `, blank ${report.blank}` : ""}\n`,
    );
    if (report.rejected > 0)
      throw new CliError(`${report.rejected} of ${report.accepted + report.rejected} commands rejected`);
  } finally {
    await target.close();
  }
};
