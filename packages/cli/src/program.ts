import { LIBRARY } from "@insieme/statistics";
import { Command, CommanderError, Option } from "commander";
import { type CliIo, processIo } from "./cli-io.js";
import { demoCommand } from "./commands/demo.js";
import { eraseCommand } from "./commands/erase.js";
import { exportCommand } from "./commands/export.js";
import { importCommand } from "./commands/import.js";
import { personCommand } from "./commands/person.js";
import { reportCommand } from "./commands/report.js";
import { retentionCommand } from "./commands/retention.js";
import { verifyCommand } from "./commands/verify.js";
import { whatIfCommand } from "./commands/what-if.js";
import { CliError } from "./errors.js";
import { EVENTSTOREDB_URL_ENV } from "./store-option.js";

export type { CliIo } from "./cli-io.js";

/** The `insieme` command line: every command with its options (names and options are a contract). */
export const buildProgram = (io: CliIo = processIo): Command => {
  const program = new Command()
    .name("insieme")
    .description('Insieme per il lavoro: event-sourced engine, its journal, and the statistics of "I numeri"')
    .version(LIBRARY.version)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander's own errors ("unknown option", "missing argument") as one line.
      outputError: (text, write) => write(`insieme: ${text.replace(/^error: /, "").trim()}\n`),
    });

  program
    .command("demo")
    .description(
      "write the published scenario (or, with --seed, a synthetic programme) into a journal through the domain's commands, print the report and write the HTML page",
    )
    .option("--journal <path>", "journal directory (default .insieme/demo-journal, recreated on every run)")
    .option("--seed <n>", "generate a synthetic programme from this seed instead of the published scenario")
    .option("--candidates <n>", "with --seed: how many candidates apply (default 2000)")
    .option("--out <file>", "where to write the HTML report", "insieme-report.html")
    .action((options) => demoCommand(options));

  program
    .command("import")
    .description(
      "import a command file (one command per line) into a journal; a history export file (recognised by its header line, or with --history) is moved whole into an empty journal, an empty EventStoreDB or an empty PostgreSQL store",
    )
    .option("--journal <path>", "journal directory (created when missing)")
    .option(
      "--eventstoredb <connection-string>",
      `EventStoreDB to move a history export into (esdb://host:2113, esdb+discover://...); default $${EVENTSTOREDB_URL_ENV} when --journal is not given. Command files are imported into a journal only`,
    )
    .option(
      "--postgres <url>",
      "PostgreSQL to move a history export into (postgres://user:password@host:5432/db), into the schema `insieme`",
    )
    .option("--history", "the file is a history export (`insieme export`), not a command file")
    .option(
      "--max-line-bytes <n>",
      "longest line of a command file, in bytes (default 1048576); a longer line, or one that is not UTF-8, refuses the file before anything is written. A history export's lines may be as long as a journal record (16 MiB)",
    )
    .option(
      "--config <file>",
      "programme configuration (JSON, docs/configuration.md); default $INSIEME_CONFIG; 'illustrative' names the illustrative one, for demos and tests",
    )
    .option(
      "--programme <id>",
      "one programme of a store several programmes share (its namespace: 1-64 lowercase letters, digits or -); default $INSIEME_PROGRAMME",
    )
    .argument("<file>", "the .ndjson file")
    .action((file, options) => importCommand(file, options, io));

  program
    .command("report")
    .description("replay a journal into the statistics and print or write the report")
    .requiredOption("--journal <path>", "journal directory")
    .addOption(new Option("--format <format>", "json, table or html").default("table"))
    .option(
      "--release <id>",
      "published report: the released period (2017-05 monthly, 2017-Q3 quarterly, 2017 yearly)",
    )
    .option(
      "--from <date>",
      "first day of the period (event dates), YYYY-MM-DD; published: the first day of a release period",
    )
    .option(
      "--to <date>",
      "last day of the period (event dates), YYYY-MM-DD; published: the last day of the same period",
    )
    .option(
      "--as-of <time>",
      "only events recorded up to this time (ISO-8601; a date means the end of that day, UTC); published: the release instant only (the default)",
    )
    .option(
      "--calendar <period>",
      "release calendar of published reports: month, quarter or year (default quarter)",
    )
    .option("--release-lag-days <n>", "days from a period's end to its release instant (default 15)")
    .option("--calendar-start <date>", "first day of the programme's releases (default 2017-05-01)")
    .option("--min-cell <k>", "smallest published count of people (at least 3; default 3)")
    .option("--raw", "the unsuppressed report, any window and as-of, for authorised internal use only")
    .option("--out <file>", "write to this file instead of standard output")
    .option(
      "--changes-since <file>",
      "an earlier JSON report of this journal: list, per statistic and value, old → new and the corrections, late records and erasures behind the changes (same window and disclosure as that report; --as-of still applies)",
    )
    .option(
      "--signing-key <file>",
      "sign the report with this Ed25519 private key (PEM, owner-only file): writes <out>.sig beside the report (docs/security.md, Keys)",
    )
    .option(
      "--config <file>",
      "programme configuration (JSON, docs/configuration.md); default $INSIEME_CONFIG; 'illustrative' names the illustrative one, for demos and tests",
    )
    .option(
      "--programme <id>",
      "one programme of a store several programmes share (its namespace: 1-64 lowercase letters, digits or -); default $INSIEME_PROGRAMME",
    )
    .action((options) => reportCommand(options));

  program
    .command("verify")
    .description("check a journal's hash chain and every event's schema (with upcasting), then replay it")
    .requiredOption("--journal <path>", "journal directory")
    .option(
      "--config <file>",
      "programme configuration (JSON, docs/configuration.md); default $INSIEME_CONFIG; 'illustrative' names the illustrative one, for demos and tests",
    )
    .option(
      "--anchor <hash>",
      "a published head hash (e.g. a report's journalHash) the chain must contain; without it a journal re-hashed from scratch passes",
    )
    .action((options) => verifyCommand(options, io));

  program
    .command("whatif")
    .description(
      "replay a journal as another configuration would have decided it, without writing anything: every statistic's cells (current → what-if), the persons who would change category (pseudonymous ids, for authorised staff) and the cases it cannot judge",
    )
    .requiredOption("--journal <path>", "journal directory")
    .option(
      "--config <file>",
      "the other programme configuration (JSON); default $INSIEME_CONFIG; 'illustrative' names the illustrative one",
    )
    .addOption(new Option("--format <format>", "json or table").default("table"))
    .option(
      "--programme <id>",
      "one programme of a store several programmes share (its namespace: 1-64 lowercase letters, digits or -); default $INSIEME_PROGRAMME",
    )
    .action((options) => whatIfCommand(options));

  program
    .command("export")
    .description(
      "write the whole history of a journal, of EventStoreDB or of PostgreSQL to a file that `insieme import` moves into another store",
    )
    .option("--journal <path>", "journal directory")
    .option(
      "--eventstoredb <connection-string>",
      `EventStoreDB to read (esdb://host:2113, esdb+discover://...); default $${EVENTSTOREDB_URL_ENV} when --journal is not given`,
    )
    .option(
      "--postgres <url>",
      "PostgreSQL to read (postgres://user:password@host:5432/db), schema `insieme`",
    )
    .requiredOption("--out <file>", "the history file to write")
    .option(
      "--programme <id>",
      "one programme of a store several programmes share (its namespace: 1-64 lowercase letters, digits or -); default $INSIEME_PROGRAMME",
    )
    .action((options) => exportCommand(options, io));

  program
    .command("erase")
    .description(
      "erase a person: destroy their data key, so their sealed personal data can no longer be read (events and statistics unchanged)",
    )
    .requiredOption("--journal <path>", "journal directory")
    .requiredOption("--person <id>", "the person id (as a case view shows it)")
    .action((options) => eraseCommand(options, io));

  program
    .command("person")
    .description(
      "the person across cases: every case of a person in the order it was opened and one timeline of the facts as corrected; pseudonymous, the journal holder's auditing view (no personal data, no note text)",
    )
    .requiredOption("--journal <path>", "journal directory")
    .requiredOption("--person <id>", "the person id (as a case view or POST /persons/lookup gives it)")
    .addOption(new Option("--format <format>", "json or table").default("table"))
    .option(
      "--config <file>",
      "programme configuration (JSON, docs/configuration.md): with it, a closed case says until when it may be re-opened (`reopening.reopenWithinDays`); 'illustrative' names the illustrative one",
    )
    .action((options) => personCommand(options, io));

  program
    .command("retention")
    .description("list the erasures the retention policy says are due; with --apply, perform them")
    .requiredOption("--journal <path>", "journal directory")
    .option(
      "--config <file>",
      "programme configuration (JSON, docs/configuration.md) whose `retention` section, in the version in force at --now, says how long personal data is kept; default $INSIEME_CONFIG; 'illustrative' names the illustrative one",
    )
    .option("--now <time>", "the time to judge by (ISO-8601 or a date; default: now)")
    .option("--apply", "destroy the data keys of the persons listed")
    .action((options) => retentionCommand(options, io));

  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput());
  }
  return program;
};

/** The exit codes of every command (docs/commands.md, "Exit codes"). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Commander's outcomes that are not errors: help and the version asked for. */
const COMMANDER_SUCCESS = new Set(["commander.helpDisplayed", "commander.version"]);

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 usage (whichever parser caught it: Commander's
 * unknown commands and options, missing arguments and bad choices, or the options' own checks). Errors are one
 * line on stderr, never a stack trace.
 */
export const runCli = async (argv: readonly string[], io: CliIo = processIo): Promise<number> => {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return COMMANDER_SUCCESS.has(error.code) ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      io.stderr(`insieme: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`insieme: unexpected failure: ${message.split("\n")[0]}\n`);
    return EXIT.failure;
  }
};
