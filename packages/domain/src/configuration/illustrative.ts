import * as E from "fp-ts/lib/Either.js";
import { type ProgrammeConfiguration, parseConfiguration } from "./configuration.js";
import illustrative from "./programmes/bologna-illustrative.json" with { type: "json" };

/**
 * ILLUSTRATIVE, NOT OFFICIAL: the Bologna programme's rules as this project reads its public documents, with the
 * invented fragility profile (docs/fragility-profile.md). Used only where it is asked for by name
 * (`--config illustrative`): the demo, the tests and the examples. docs/configuration.md cites every value.
 */
export const ILLUSTRATIVE_CONFIGURATION_NAME = "illustrative";

const parsed = parseConfiguration(illustrative, "illustrative");
if (E.isLeft(parsed)) throw new Error(`the illustrative configuration is invalid: ${parsed.left.message}`);

export const ILLUSTRATIVE_CONFIGURATION: ProgrammeConfiguration = parsed.right;
