import { readFile, stat } from "node:fs/promises";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import {
  type ConfigurationError,
  configurationError,
  type ProgrammeConfiguration,
  parseConfiguration,
} from "./configuration.js";
import { ILLUSTRATIVE_CONFIGURATION, ILLUSTRATIVE_CONFIGURATION_NAME } from "./illustrative.js";

/** The environment variable that names the configuration file of the CLI and the case service. */
export const CONFIG_ENV = "INSIEME_CONFIG";

/** A configuration file is a few hundred kilobytes at most; anything larger is refused unread. */
export const MAX_CONFIGURATION_BYTES = 8 * 1024 * 1024;

/**
 * The configuration named by an option or `INSIEME_CONFIG`: a JSON file, or the illustrative configuration when
 * it is asked for by name (`illustrative`). There is no default: nothing given is an error, so real data is never
 * decided under rules nobody chose.
 */
export const loadConfiguration = async (
  given: string | undefined,
): Promise<Either<ConfigurationError, ProgrammeConfiguration>> => {
  if (given === undefined || given === "") {
    return E.left(
      configurationError(
        "configuration",
        `a programme configuration is required: a file (--config FILE or ${CONFIG_ENV}=FILE, docs/configuration.md); '${ILLUSTRATIVE_CONFIGURATION_NAME}' names the illustrative one, for demos and tests only`,
      ),
    );
  }
  if (given === ILLUSTRATIVE_CONFIGURATION_NAME) return E.right(ILLUSTRATIVE_CONFIGURATION);
  let size: number;
  try {
    size = (await stat(given)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return E.left(
      configurationError(given, code === "ENOENT" ? "no such configuration file" : String(error)),
    );
  }
  if (size > MAX_CONFIGURATION_BYTES)
    return E.left(
      configurationError(given, `a configuration file holds at most ${MAX_CONFIGURATION_BYTES} bytes`),
    );
  let json: unknown;
  try {
    json = JSON.parse(await readFile(given, "utf8"));
  } catch (error) {
    return E.left(configurationError(given, `not JSON: ${(error as Error).message}`));
  }
  return parseConfiguration(json, given);
};
