import { type CliIo, processIo } from "../cli-io.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { eraseOptionsSchema, parseOptions } from "../options.js";
import { personVaultOf, scanPersons } from "../person-erasure.js";

/**
 * `insieme erase --journal PATH --person ID`: destroys the person's data key. Their sealed personal data (name,
 * codice fiscale, contacts, notes) can no longer be opened; every event still decodes and every statistic is
 * unchanged; nothing is written to the journal.
 */
export const eraseCommand = async (raw: unknown, io: CliIo = processIo): Promise<void> => {
  const options = parseOptions(eraseOptionsSchema, raw);
  const source = await openJournalStore(options.journal, { readOnly: true });
  try {
    const scan = await scanPersons(source.store);
    if (!scan.knows(options.person)) {
      throw new CliError(`${options.journal}: no person ${options.person} in this journal`);
    }
    const vault = personVaultOf(options.journal);
    const existed = (await vault.existingKey(options.person)) !== null;
    await vault.destroy(options.person);
    io.stdout(
      existed
        ? `erased person ${options.person}: data key destroyed; personal data can no longer be read, statistics unchanged\n`
        : `person ${options.person} was already erased (no data key)\n`,
    );
  } finally {
    await source.close();
  }
};
