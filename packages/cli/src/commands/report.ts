import { systemClock } from "@insieme/kernel";
import {
  canonicalJson,
  changesSince,
  renderChangesText,
  reportSignatureText,
  signReport,
} from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { configurationOption } from "../configuration-option.js";
import { readEarlierReport } from "../earlier-report.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { parseOptions, reportOptionsSchema } from "../options.js";
import { writeOutput } from "../output.js";
import { programmeOption } from "../programme-option.js";
import { startProgress } from "../progress.js";
import { publicationOf } from "../publication.js";
import { computeReport, formatReport } from "../report-output.js";
import { readSigningKey } from "../signing-key.js";

/** `insieme report`: replays the journal into the statistics and prints or writes the report. */
export const reportCommand = async (raw: unknown): Promise<void> => {
  const options = parseOptions(reportOptionsSchema, raw);
  const configuration = await configurationOption(options.config);
  // The key is read before the replay: a bad key file fails fast and nothing is written.
  const signingKey = options.signingKey === undefined ? null : await readSigningKey(options.signingKey);
  const earlier = options.changesSince === undefined ? null : await readEarlierReport(options.changesSince);
  // A published report is a release: made once, as of its release instant, never restated. Comparing it with the
  // same window as of a later instant would publish the difference of two suppressed tables, the very
  // differencing the release calendar prevents; so changes are listed between raw reports, for staff, only.
  if (earlier !== null && earlier.provenance.disclosure.mode !== "raw")
    throw new CliError(
      `--changes-since ${options.changesSince}: a published report is a release and is never restated; compare a raw report (made with --raw, for authorised staff)`,
      2,
    );
  // --changes-since compares with the earlier report's own window; else the release (or raw window) asked for.
  // Which periods are released depends on the time: the system clock's, read here at the edge.
  const publication = earlier === null ? publicationOf(options, configuration, systemClock.now()) : null;
  if (publication?.warning) process.stderr.write(publication.warning);
  const source = await openJournalStore(options.journal, {
    readOnly: true,
    programme: programmeOption(options.programme),
  });
  try {
    if (earlier !== null) {
      const was = earlier.provenance;
      const now = await computeReport(source, {
        window: { from: was.window.from, to: was.window.to, asOf: options.asOf ?? null },
        disclosure: { mode: "raw" },
        configuration,
      });
      const changes = await changesSince(source.store, earlier, now, configuration);
      if (E.isLeft(changes)) throw new CliError(`cannot read ${options.journal}: ${changes.left.message}`);
      const text =
        options.format === "json" ? `${canonicalJson(changes.right, 2)}\n` : renderChangesText(changes.right);
      if (options.out === undefined) process.stdout.write(text);
      else await writeOutput(options.out, text);
      return;
    }
    const head = await source.store.headPosition();
    const progress = startProgress("replay", head === null ? 0 : head + 1, 500_000);
    if (publication === null) throw new Error("a report without --changes-since has its publication");
    const report = await computeReport(source, {
      window: publication.window,
      disclosure: publication.disclosure,
      configuration,
      onProgress: (events) => progress.update(events),
    });
    progress.stop();
    const text = formatReport(report, options.format);
    if (options.out === undefined) process.stdout.write(text);
    else {
      await writeOutput(options.out, text);
      process.stderr.write(`report written to ${options.out}\n`);
      if (signingKey !== null) {
        const signature = signReport(text, report.provenance, signingKey);
        await writeOutput(`${options.out}.sig`, reportSignatureText(signature));
        process.stderr.write(
          `signature written to ${options.out}.sig (Ed25519, public key sha256 ${signature.publicKeySha256})\n`,
        );
      }
    }
  } finally {
    await source.close();
  }
};
