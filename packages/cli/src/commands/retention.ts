import { readFile } from "node:fs/promises";
import { DEFAULT_RETENTION_POLICY, RetentionPolicy } from "@insieme/domain";
import { formatZodError } from "@insieme/kernel";
import { type CliIo, processIo } from "../cli-io.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { parseOptions, retentionOptionsSchema } from "../options.js";
import { personVaultOf, scanPersons } from "../person-erasure.js";

const readPolicy = async (file: string | undefined): Promise<RetentionPolicy> => {
  if (file === undefined) return DEFAULT_RETENTION_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CliError(
      `${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not JSON"}`,
    );
  }
  const parsed = RetentionPolicy.safeParse(json);
  if (!parsed.success) throw new CliError(`${file}: ${formatZodError(parsed.error)}`);
  return parsed.data;
};

/**
 * `insieme retention --journal PATH [--policy FILE] [--now TIME] [--apply]`: lists the persons whose personal data
 * the retention policy says to erase (their last case closed long enough ago, no case open, data key still
 * there); with `--apply`, destroys their data keys.
 */
export const retentionCommand = async (raw: unknown, io: CliIo = processIo): Promise<void> => {
  const options = parseOptions(retentionOptionsSchema, raw);
  const policy = await readPolicy(options.policy);
  const now = options.now ?? new Date().toISOString();
  const source = await openJournalStore(options.journal, { readOnly: true });
  try {
    const vault = personVaultOf(options.journal);
    const due = [];
    for (const erasure of (await scanPersons(source.store)).due(policy, now)) {
      if ((await vault.existingKey(erasure.personId)) !== null) due.push(erasure);
    }
    io.stdout(
      `retention: personal data erased ${policy.erasePersonalDataYearsAfterClose} years after the last case closed; as of ${now}: ${due.length} erasure(s) due\n`,
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
