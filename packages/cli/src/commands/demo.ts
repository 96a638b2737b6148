import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ILLUSTRATIVE_CONFIGURATION, importCommands } from "@insieme/domain";
import { manualClock } from "@insieme/kernel";
import { PUBLISHED_FIGURES, publishedScenario, syntheticProgramme } from "@insieme/scenarios";
import {
  canonicalJson,
  describeReleased,
  type Release,
  type Report,
  releaseCalendarAt,
  releasedPeriods,
  releaseWindow,
  renderReportHtml,
  renderReportText,
} from "@insieme/statistics";
import { keysDirectoryOf, openApplication, openKeyedJournal } from "../application.js";
import { CliError } from "../errors.js";
import { fileLines } from "../history-file.js";
import { demoOptionsSchema, parseOptions } from "../options.js";
import { writeOutput } from "../output.js";
import { startProgress } from "../progress.js";
import { computeReport } from "../report-output.js";
import { alongTheirDates } from "../scenario-clock.js";

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

/** The applications a report's trend publishes (withheld months count as none). */
const applicationsIn = (report: Report): number =>
  (report.statistics.find((s) => s.id === "applicationsTrend")?.tables[0]?.rows ?? []).reduce(
    (sum, row) => sum + (typeof row.cells[0] === "number" ? row.cells[0] : 0),
    0,
  );

/**
 * `insieme demo`: a programme written through the domain's commands into a journal, recorded along the commands'
 * dates (the scenario clock), then the published report of the latest release by the scenario's last
 * recording that holds applications, and the source's cohort from the raw report.
 */
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
  // The scenario clock: each command is recorded on its own date, so release instants cut the history as they
  // would have; its last reading is the scenario's "now".
  const clock = manualClock("1970-01-01T00:00:00.000Z");
  const keyed = await openKeyedJournal(journal, null, clock);
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
    // The published scenario's file is dated consistently, so it is sent in the order of its dates; a synthetic
    // programme is sent as generated (each candidate's whole path at once), its later steps moving the clock on.
    const imported = await importCommands(
      alongTheirDates(lines, clock, options.seed === undefined),
      insieme,
      {
        onLine: (line) => progress.update(Math.min(line, estimate)),
      },
    );
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
    // Published as the programme would have published it by the scenario's end ("now" is its last recording):
    // the latest release that holds applications (the scenario's last periods hold only later steps of paths).
    const now = clock.now();
    const calendar = releaseCalendarAt(ILLUSTRATIVE_CONFIGURATION, now);
    const released = releasedPeriods(calendar, now).reverse();
    const publish = (release: Release) =>
      computeReport(target, {
        window: releaseWindow(release),
        disclosure: { mode: "published", minCell: calendar.minCell },
        configuration: ILLUSTRATIVE_CONFIGURATION,
      });
    let shown = released[0];
    if (shown === undefined)
      throw new CliError(`demo: no published report: ${describeReleased(calendar, now)}`);
    let report = await publish(shown);
    for (const release of released.slice(1)) {
      if (applicationsIn(report) > 0) break;
      const earlier = await publish(release);
      if (applicationsIn(earlier) > 0) {
        shown = release;
        report = earlier;
      }
    }
    if (applicationsIn(report) === 0) {
      process.stderr.write(
        "demo: no release holds applications: a synthetic programme is sent as generated (each candidate's whole path at once), so most of its events are recorded after their period's release instant; the raw report (insieme report --raw) holds them all\n",
      );
    }
    process.stderr.write(
      `demo: the scenario's last recording is ${now}; ${describeReleased(calendar, now)}; printing ${shown.id}\n` +
        `demo: another release: insieme report --journal ${journal} --config illustrative --release ID\n`,
    );
    process.stdout.write(renderReportText(report));
    if (options.seed === undefined) {
      // The source analyses its first 733 applications (May to 30 November 2017) after the first interview: a
      // window that is no period of the release calendar, so it is computed as the raw (internal) report.
      const { from, to } = PUBLISHED_FIGURES.firstCohort;
      const cohort = await computeReport(target, {
        window: { from, to, asOf: null },
        disclosure: { mode: "raw" },
        configuration: ILLUSTRATIVE_CONFIGURATION,
      });
      const cohortOnly = new Set(["applicationsTrend", "firstInterviewOutcomes"]);
      process.stdout.write(
        `\nCoorte della fonte (report interno, non pubblicabile): candidature dal ${from} al ${to}\n` +
          renderReportText({ ...cohort, statistics: cohort.statistics.filter((s) => cohortOnly.has(s.id)) }),
      );
    }
    await writeOutput(options.out, renderReportHtml(report));
    process.stderr.write(`demo: HTML report written to ${options.out}\n`);
  } finally {
    await target.close();
  }
};
