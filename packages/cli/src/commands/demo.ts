import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ILLUSTRATIVE_CONFIGURATION, importCommands } from "@insieme/domain";
import { PUBLISHED_FIGURES, publishedScenario, syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson, renderReportHtml, renderReportText } from "@insieme/statistics";
import { keysDirectoryOf, openApplication, openKeyedJournal } from "../application.js";
import { CliError } from "../errors.js";
import { fileLines } from "../history-file.js";
import { demoOptionsSchema, parseOptions } from "../options.js";
import { writeOutput } from "../output.js";
import { startProgress } from "../progress.js";
import { computeReport } from "../report-output.js";

export const DEFAULT_DEMO_JOURNAL = ".insieme/demo-journal";
const PUBLISHED_FILE = fileURLToPath(
  new URL("../../../../examples/published-scenario/commands.ndjson", import.meta.url),
);
/** Commands a synthetic candidate produces on average (for the progress bar's total). */
const COMMANDS_PER_CANDIDATE = 5;

/** The commands to send: the committed published scenario file, or a seeded synthetic programme. */
const commandLines = async (
  seed: number | undefined,
  candidates: number,
): Promise<{ lines: AsyncIterable<string> | Iterable<string>; estimate: number; what: string }> => {
  if (seed !== undefined) {
    const lines = (function* () {
      for (const command of syntheticProgramme({ seed, candidates })) yield canonicalJson(command);
    })();
    return {
      lines,
      estimate: Math.round(candidates * COMMANDS_PER_CANDIDATE),
      what: `synthetic programme (seed ${seed}, ${candidates} candidates)`,
    };
  }
  if (existsSync(PUBLISHED_FILE)) {
    let count = 0;
    for await (const _ of fileLines(PUBLISHED_FILE)) count++;
    return {
      lines: fileLines(PUBLISHED_FILE),
      estimate: count,
      what: "published scenario (examples/published-scenario/commands.ndjson)",
    };
  }
  const lines = [...publishedScenario()].map((command) => canonicalJson(command));
  return { lines, estimate: lines.length, what: "published scenario" };
};

/** `insieme demo`: a programme written through the domain's commands into a journal, then its report. */
export const demoCommand = async (raw: unknown): Promise<void> => {
  const options = parseOptions(demoOptionsSchema, raw);
  if (options.candidates !== undefined && options.seed === undefined)
    throw new CliError("--candidates needs --seed", 2);
  const journal = options.journal ?? DEFAULT_DEMO_JOURNAL;
  if (options.journal === undefined) {
    // The default demo journal is ours: every run starts it afresh.
    await rm(journal, { recursive: true, force: true });
    await rm(keysDirectoryOf(journal), { recursive: true, force: true });
  }
  const keyed = await openKeyedJournal(journal);
  const { target } = keyed;
  try {
    if ((await target.store.headPosition()) !== null) {
      throw new CliError(
        `${journal} already holds events: the demo writes into a new journal (choose another --journal)`,
      );
    }
    const insieme = openApplication(keyed, journal, ILLUSTRATIVE_CONFIGURATION);
    const { lines, estimate, what } = await commandLines(options.seed, options.candidates ?? 2000);
    process.stderr.write(`demo: writing the ${what} into ${journal}\n`);
    const progress = startProgress("commands", estimate, 1000);
    const imported = await importCommands(lines, insieme, {
      onLine: (line) => progress.update(Math.min(line, estimate)),
    });
    progress.stop();
    if (imported.rejected > 0) {
      const first = imported.errors[0];
      throw new CliError(
        `${imported.rejected} demo commands were rejected (first: line ${first?.line}: ${first?.reason})`,
      );
    }
    process.stderr.write(
      `demo: ${imported.accepted} commands accepted; journal chain head ${target.journal.chainHead().hash}\n`,
    );
    const report = await computeReport(target, {
      window: { from: null, to: null, asOf: null },
      disclosure: { mode: "published", minCell: 3 },
      configuration: ILLUSTRATIVE_CONFIGURATION,
    });
    process.stdout.write(renderReportText(report));
    if (options.seed === undefined) {
      // The source analyses its first 733 applications (May to 30 November 2017) after the first interview.
      const { from, to } = PUBLISHED_FIGURES.firstCohort;
      const cohort = await computeReport(target, {
        window: { from, to, asOf: null },
        disclosure: { mode: "published", minCell: 3 },
        configuration: ILLUSTRATIVE_CONFIGURATION,
      });
      const cohortOnly = new Set(["applicationsTrend", "firstInterviewOutcomes"]);
      process.stdout.write(
        `\nCoorte pubblicata: candidature dal ${from} al ${to}\n` +
          renderReportText({ ...cohort, statistics: cohort.statistics.filter((s) => cohortOnly.has(s.id)) }),
      );
    }
    await writeOutput(options.out, renderReportHtml(report));
    process.stderr.write(`demo: HTML report written to ${options.out}\n`);
  } finally {
    await target.close();
  }
};
