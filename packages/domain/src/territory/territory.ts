import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { Territory, TerritoryMunicipality } from "../configuration/schema.js";
import type { Residence } from "../events/common.js";
import { reject } from "../rules.js";

/** The comune of the configuration's territory with this ISTAT code, or undefined when it lies outside. */
export const municipalityIn = (territory: Territory, istat: string): TerritoryMunicipality | undefined =>
  territory.municipalities.find((m) => m.istat === istat);

/**
 * A residence names an area exactly when its comune is in the territory and divided into areas, and then one of
 * that comune's areas. A comune outside the territory is a valid residence (the screening's territory rule judges it).
 */
export const checkResidence = (
  territory: Territory,
  residence: Residence,
): Either<DomainError, never> | null => {
  const areas = municipalityIn(territory, residence.municipalityIstat)?.areas ?? [];
  if (areas.length === 0) {
    return residence.quartiere === null
      ? null
      : reject(
          "residence-area-not-expected",
          `comune ${residence.municipalityIstat} has no ${territory.areaLabel.toLowerCase()} in the configuration: quartiere must be null`,
          { quartiere: residence.quartiere },
        );
  }
  if (residence.quartiere === null) {
    return reject(
      "residence-area-required",
      `residents of ${residence.municipalityIstat} name their ${territory.areaLabel.toLowerCase()} (quartiere)`,
      { areas: areas.map((a) => a.id) },
    );
  }
  return areas.some((a) => a.id === residence.quartiere)
    ? null
    : reject(
        "residence-area-unknown",
        `'${residence.quartiere}' is not a ${territory.areaLabel.toLowerCase()} of ${residence.municipalityIstat}`,
        { quartiere: residence.quartiere, areas: areas.map((a) => a.id) },
      );
};
