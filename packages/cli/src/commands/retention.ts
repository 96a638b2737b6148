import { configurationInForce, type RetentionPolicy } from "@insieme/domain";
import { type CliIo, processIo } from "../cli-io.js";
import { configurationOption } from "../configuration-option.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { parseOptions, retentionOptionsSchema } from "../options.js";
import { personVaultOf, scanPersons } from "../person-erasure.js";

/**
 * `insieme retention --journal PATH [--config FILE] [--now TIME] [--apply]`: lists the persons whose personal data
 * the programme configuration's retention (the version in force at `now`) says to erase (their last case closed
 * long enough ago, no case open, data key still there); with `--apply`, destroys their data keys.
 */
export const retentionCommand = async (raw: unknown, io: CliIo = processIo): Promise<void> => {
  const options = parseOptions(retentionOptionsSchema, raw);
  const configuration = await configurationOption(options.config);
  const now = options.now ?? new Date().toISOString();
  const inForce = configurationInForce(configuration, now.slice(0, 10));
  if (inForce === undefined)
    throw new CliError(`no version of configuration ${configuration.id} is in force on ${now.slice(0, 10)}`);
  const policy: RetentionPolicy = inForce.rules.retention;
  const source = await openJournalStore(options.journal, { readOnly: true });
  try {
    const vault = personVaultOf(options.journal);
    const due = [];
    for (const erasure of (await scanPersons(source.store)).due(policy, now)) {
      if ((await vault.existingKey(erasure.personId)) !== null) due.push(erasure);
    }
    io.stdout(
      `retention (${inForce.ref.id} v${inForce.ref.version}): personal data erased ${policy.erasePersonalDataYearsAfterClose} years after the last case closed; as of ${now}: ${due.length} erasure(s) due\n`,
    );
    for (const e of due) {
      io.stdout(`${e.personId}\tcase ${e.candidateId} closed ${e.closedAt}\tdue since ${e.dueAt}\n`);
    }
    if (!options.apply) {
      if (due.length > 0) io.stdout("run again with --apply to erase them\n");
      return;
    }
    for (const e of due) await vault.destroy(e.personId);
    io.stdout(`erased ${due.length} person(s): data keys destroyed, statistics unchanged\n`);
  } finally {
    await source.close();
  }
};
