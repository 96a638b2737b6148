import { domainRegistry } from "@insieme/domain";
import { describeVerifyResult, verifyJournal } from "@insieme/journal";
import { STATISTICS } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { type CliIo, processIo } from "../cli-io.js";
import { configurationOption } from "../configuration-option.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { parseOptions, verifyOptionsSchema } from "../options.js";
import { computeReport, describeDecidedUnder } from "../report-output.js";

/**
 * `insieme verify`: the hash chain and every event's schema (with upcasting), then a full replay. With
 * `--anchor HASH` (a head hash published elsewhere, e.g. in a report), the chain must pass through that hash:
 * without an anchor, a journal whose records were rewritten and re-hashed from scratch passes.
 */
export const verifyCommand = async (raw: unknown, io: CliIo = processIo): Promise<void> => {
  const options = parseOptions(verifyOptionsSchema, raw);
  const configuration = await configurationOption(options.config);
  const verified = await verifyJournal(options.journal, {
    decode: (event) => domainRegistry.decodeRecorded(event),
    ...(options.anchor === undefined ? {} : { mustContainHash: options.anchor }),
  });
  if (E.isLeft(verified)) throw new CliError(describeVerifyResult(verified));
  io.stdout(
    `${describeVerifyResult(verified)}\n${
      options.anchor === undefined
        ? "no --anchor: the chain is consistent, but a journal re-hashed from scratch would pass too; give a published head hash to prove it is the published one\n"
        : `anchor ${options.anchor} is in the chain\n`
    }`,
  );
  const source = await openJournalStore(options.journal, { readOnly: true });
  try {
    const report = await computeReport(source, {
      window: { from: null, to: null, asOf: null },
      disclosure: { mode: "raw" },
      configuration,
    });
    io.stdout(
      `replay OK: ${report.provenance.eventsReplayed} events into ${STATISTICS.length} statistics, last position ${
        report.provenance.lastPosition ?? "none"
      }\n${describeDecidedUnder(report)}\n`,
    );
  } finally {
    await source.close();
  }
};
