import { domainRegistry } from "@insieme/domain";
import { describeVerifyResult, verifyJournal } from "@insieme/journal";
import { STATISTICS } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { configurationOption } from "../configuration-option.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { journalOptionsSchema, parseOptions } from "../options.js";
import { computeReport, describeDecidedUnder } from "../report-output.js";

/** `insieme verify`: the hash chain and every event's schema (with upcasting), then a full replay. */
export const verifyCommand = async (raw: unknown): Promise<void> => {
  const options = parseOptions(journalOptionsSchema, raw);
  const configuration = await configurationOption(options.config);
  const verified = await verifyJournal(options.journal, {
    decode: (event) => domainRegistry.decodeRecorded(event),
  });
  if (E.isLeft(verified)) throw new CliError(describeVerifyResult(verified));
  process.stdout.write(`${describeVerifyResult(verified)}\n`);
  const source = await openJournalStore(options.journal, { readOnly: true });
  try {
    const report = await computeReport(source, {
      window: { from: null, to: null, asOf: null },
      disclosure: { mode: "raw" },
      configuration,
    });
    process.stdout.write(
      `replay OK: ${report.provenance.eventsReplayed} events into ${STATISTICS.length} statistics, last position ${
        report.provenance.lastPosition ?? "none"
      }\n${describeDecidedUnder(report)}\n`,
    );
  } finally {
    await source.close();
  }
};
