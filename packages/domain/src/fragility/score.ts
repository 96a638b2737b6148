import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { ItemScore, ProfilingResult } from "../events/candidate-events.js";
import { reject } from "../rules.js";
import type { ScreeningOutcome } from "../vocabulary/screening.js";
import type { FragilityProfile } from "./profile.js";

export interface Profiling {
  readonly result: ProfilingResult;
  readonly outcome: ScreeningOutcome;
}

/**
 * Scores a profiling interview with a profile version: integer arithmetic only (per mille, rounded down), so
 * the same scores and profile always give the same index on every platform.
 */
export const scoreProfiling = (
  profile: FragilityProfile,
  scores: readonly ItemScore[],
): Either<DomainError, Profiling> => {
  const byItem = new Map<string, number>();
  for (const s of scores) {
    if (byItem.has(s.item))
      return reject("profiling-item-scored-twice", `item '${s.item}' is scored twice`, { item: s.item });
    byItem.set(s.item, s.score);
  }
  const known = new Set(profile.dimensions.flatMap((d) => d.items.map((i) => i.id)));
  for (const item of byItem.keys()) {
    if (!known.has(item)) {
      return reject(
        "profiling-unknown-item",
        `item '${item}' is not in profile ${profile.id} v${profile.version}`,
        { item },
      );
    }
  }
  const dimensions: { dimension: string; indexPermille: number }[] = [];
  let weighted = 0;
  let totalWeight = 0;
  for (const dim of profile.dimensions) {
    let got = 0;
    let max = 0;
    for (const item of dim.items) {
      const score = byItem.get(item.id);
      if (score === undefined) {
        return reject(
          "profiling-scores-incomplete",
          `item '${item.id}' of profile ${profile.id} v${profile.version} has no score`,
          {
            item: item.id,
          },
        );
      }
      if (score < profile.scale.min || score > profile.scale.max) {
        return reject(
          "profiling-score-out-of-scale",
          `item '${item.id}': score ${score} outside ${profile.scale.min}..${profile.scale.max}`,
          {
            item: item.id,
            score,
          },
        );
      }
      got += item.weight * score;
      max += item.weight * profile.scale.max;
    }
    const indexPermille = Math.floor((got * 1000) / max);
    dimensions.push({ dimension: dim.id, indexPermille });
    weighted += dim.weight * indexPermille;
    totalWeight += dim.weight;
  }
  const indexPermille = Math.floor(weighted / totalWeight);
  const indexOf = (id: string) => dimensions.find((d) => d.dimension === id)?.indexPermille ?? 0;
  const threshold = profile.conclamata.thresholdPermille;
  const conclamata =
    indexOf(profile.conclamata.primary) >= threshold &&
    profile.conclamata.together.some((d) => indexOf(d) >= threshold);
  const outcome: ScreeningOutcome = conclamata
    ? "fragility_conclamata"
    : indexPermille < profile.targetFloorPermille
      ? "not_in_target"
      : "in_target";
  return E.right({
    result: {
      profileId: profile.id,
      profileVersion: profile.version,
      scores: profile.dimensions.flatMap((d) =>
        d.items.map((i) => ({ item: i.id, score: byItem.get(i.id) ?? 0 })),
      ),
      dimensions,
      indexPermille,
    },
    outcome,
  });
};
