import { importCommands } from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { openApplication } from "../application.js";
import { CliError } from "../errors.js";
import { fileLines, firstLine, historyEvents, isHistoryHeader } from "../history-file.js";
import { openJournalStore } from "../journal-store.js";
import { importOptionsSchema, parseOptions } from "../options.js";
import { startProgress } from "../progress.js";

const countLines = async (path: string): Promise<number> => {
  let n = 0;
  for await (const _ of fileLines(path)) n++;
  return n;
};

/** Moves a history export into an empty journal, after checking every line of the file (nothing written otherwise). */
const importHistoryFile = async (file: string, journal: string): Promise<void> => {
  let checked = 0;
  for await (const _ of historyEvents(file)) checked++;
  const target = await openJournalStore(journal, { readOnly: false, create: true });
  try {
    const result = await target.journal.importHistory(historyEvents(file));
    if (E.isLeft(result)) throw new CliError(`${journal}: ${result.left.message}`);
    process.stdout.write(
      `imported history: ${result.right.events} events in ${result.right.streams} streams (checked ${checked}), head position ${
        result.right.headPosition ?? "none"
      }, chain head ${target.journal.chainHead().hash}\n`,
    );
  } finally {
    await target.close();
  }
};

/** `insieme import`: a command file through the domain's commands, or a history export moved whole. */
export const importCommand = async (file: string, raw: unknown): Promise<void> => {
  const options = parseOptions(importOptionsSchema, raw);
  const head = await firstLine(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  if (head === null) throw new CliError(`${file}: the file is empty`);
  if (options.history || isHistoryHeader(head)) {
    if (!isHistoryHeader(head)) throw new CliError(`${file}:1: not a history export header`);
    await importHistoryFile(file, options.journal);
    return;
  }
  const total = await countLines(file);
  const target = await openJournalStore(options.journal, { readOnly: false, create: true });
  try {
    const insieme = await openApplication(target.store, options.journal);
    const progress = startProgress("import", total);
    const report = await importCommands(fileLines(file), insieme, {
      onLine: (line) => progress.update(line),
    });
    progress.stop();
    for (const error of report.errors)
      process.stderr.write(`${file}:${error.line}: rejected (${error.kind}): ${error.reason}\n`);
    process.stdout.write(
      `accepted ${report.accepted}, rejected ${report.rejected}${report.blank > 0 ? `, blank ${report.blank}` : ""}\n`,
    );
    if (report.rejected > 0)
      throw new CliError(`${report.rejected} of ${report.accepted + report.rejected} commands rejected`);
  } finally {
    await target.close();
  }
};
