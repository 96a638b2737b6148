import { createHash } from "node:crypto";
import { canonicalJson, formatZodError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { ConfigurationFile, type ConfigurationRef, type ConfigurationVersion } from "./schema.js";

/** A configuration that cannot be used: invalid, or in conflict with a version already known. */
export interface ConfigurationError {
  readonly _tag: "ConfigurationError";
  /** The file (or "illustrative") the configuration came from. */
  readonly where: string;
  readonly message: string;
}

export const configurationError = (where: string, message: string): ConfigurationError => ({
  _tag: "ConfigurationError",
  where,
  message,
});

/** A version with the reference its events record. */
export interface ConfigurationVersionInForce {
  readonly ref: ConfigurationRef;
  readonly rules: ConfigurationVersion;
}

/** The versions of one programme's configuration, in the order they came into force. */
export interface ProgrammeConfiguration {
  readonly id: string;
  readonly versions: readonly ConfigurationVersionInForce[];
}

/** SHA-256 (hex) of the version's canonical JSON (keys sorted at every level): equal content, equal hash. */
export const configurationHash = (version: ConfigurationVersion): string =>
  createHash("sha256").update(canonicalJson(version)).digest("hex");

const refOf = (rules: ConfigurationVersion): ConfigurationRef => ({
  id: rules.id,
  version: rules.version,
  hash: configurationHash(rules),
});

/**
 * Adds versions to a configuration. The same id and version with another content is refused, as are two
 * versions coming into force on the same day and a version number that does not grow with its date; the same
 * version given twice with the same content is kept once.
 */
export const addConfigurationVersions = (
  base: ProgrammeConfiguration | null,
  versions: readonly ConfigurationVersion[],
  where: string,
): Either<ConfigurationError, ProgrammeConfiguration> => {
  const all = [...(base?.versions ?? [])];
  const id = base?.id ?? versions[0]?.id;
  if (id === undefined)
    return E.left(configurationError(where, "a configuration needs at least one version"));
  for (const rules of versions) {
    if (rules.id !== id) {
      return E.left(
        configurationError(
          where,
          `version ${rules.version} belongs to configuration '${rules.id}', not '${id}'`,
        ),
      );
    }
    const ref = refOf(rules);
    const same = all.find((v) => v.ref.version === ref.version);
    if (same !== undefined) {
      if (same.ref.hash !== ref.hash) {
        return E.left(
          configurationError(
            where,
            `configuration '${id}' version ${ref.version} is already known with another content (hash ${same.ref.hash}, this one ${ref.hash}): give the changed rules a new version number`,
          ),
        );
      }
      continue;
    }
    all.push({ ref, rules });
  }
  all.sort((a, b) => a.ref.version - b.ref.version);
  for (let i = 1; i < all.length; i++) {
    const prev = all[i - 1];
    const next = all[i];
    if (prev !== undefined && next !== undefined && prev.rules.inForceFrom >= next.rules.inForceFrom) {
      return E.left(
        configurationError(
          where,
          `configuration '${id}' version ${next.ref.version} comes into force on ${next.rules.inForceFrom}, not after version ${prev.ref.version} (${prev.rules.inForceFrom})`,
        ),
      );
    }
  }
  return E.right({ id, versions: all });
};

/** Parses a configuration file's JSON value (at the boundary: every field checked, unknown keys refused). */
export const parseConfiguration = (
  json: unknown,
  where: string,
): Either<ConfigurationError, ProgrammeConfiguration> => {
  const parsed = ConfigurationFile.safeParse(json);
  if (!parsed.success) return E.left(configurationError(where, formatZodError(parsed.error)));
  return addConfigurationVersions(null, parsed.data.versions, where);
};

/** The version in force on `date` (YYYY-MM-DD): the latest `inForceFrom` not after it. */
export const configurationInForce = (
  configuration: ProgrammeConfiguration,
  date: string,
): ConfigurationVersionInForce | undefined => {
  let found: ConfigurationVersionInForce | undefined;
  for (const v of configuration.versions) if (v.rules.inForceFrom <= date) found = v;
  return found;
};

/** A version by its recorded reference (id, version and hash must all match). */
export const configurationByRef = (
  configuration: ProgrammeConfiguration,
  ref: ConfigurationRef,
): ConfigurationVersionInForce | undefined =>
  configuration.versions.find(
    (v) => v.ref.id === ref.id && v.ref.version === ref.version && v.ref.hash === ref.hash,
  );
