import { CONFIG_ENV, loadConfiguration, type ProgrammeConfiguration } from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";

/**
 * The programme configuration a command decides or reports under: `--config FILE`, else `$INSIEME_CONFIG`; no
 * default (`--config illustrative` names the illustrative one, for demos and tests).
 */
export const configurationOption = async (option: string | undefined): Promise<ProgrammeConfiguration> => {
  const loaded = await loadConfiguration(option ?? process.env[CONFIG_ENV]);
  if (E.isLeft(loaded)) {
    const where = loaded.left.where === "configuration" ? "" : `${loaded.left.where}: `;
    throw new CliError(`${where}${loaded.left.message}`, 2);
  }
  return loaded.right;
};
