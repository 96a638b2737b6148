import * as E from "fp-ts/lib/Either.js";
import type { FragilityProfile } from "../fragility/profile.js";
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

/** The illustrative L.R. 14/2015 profile (docs/fragility-profile.md), as the illustrative configuration holds it. */
export const ILLUSTRATIVE_FRAGILITY_PROFILE: FragilityProfile = (() => {
  const profile = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules.fragilityProfiles[0];
  if (profile === undefined) throw new Error("the illustrative configuration has no fragility profile");
  return profile;
})();
