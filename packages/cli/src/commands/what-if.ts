import { canonicalJson, renderWhatIfText, whatIfFromStore } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { configurationOption } from "../configuration-option.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { parseOptions, whatIfOptionsSchema } from "../options.js";
import { programmeOption } from "../programme-option.js";
import { startProgress } from "../progress.js";

/**
 * `insieme whatif`: replays the journal as it was decided and as another configuration would have decided it,
 * and prints the comparison. Opens the journal read-only: nothing is written.
 */
export const whatIfCommand = async (raw: unknown): Promise<void> => {
  const options = parseOptions(whatIfOptionsSchema, raw);
  const configuration = await configurationOption(options.config);
  const source = await openJournalStore(options.journal, {
    readOnly: true,
    programme: programmeOption(options.programme),
  });
  try {
    const head = await source.store.headPosition();
    const progress = startProgress("what-if", head === null ? 0 : head + 1, 500_000);
    const result = await whatIfFromStore(source.store, configuration, {
      onProgress: (events) => progress.update(events),
    });
    progress.stop();
    if (E.isLeft(result)) throw new CliError(`cannot replay ${options.journal}: ${result.left.message}`);
    process.stdout.write(
      options.format === "json" ? `${canonicalJson(result.right, 2)}\n` : renderWhatIfText(result.right),
    );
  } finally {
    await source.close();
  }
};
