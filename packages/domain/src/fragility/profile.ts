import { z } from "zod";

/**
 * A version of the L.R. 14/2015 fragility profile as configuration data. The official items, weights and
 * threshold are not public (see docs/fragility-profile.md): the engine ships an illustrative profile and loads
 * official versions from JSON validated by this schema.
 */
export const FragilityItem = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,64}$/),
  label: z.string().min(1),
  weight: z.number().int().min(1).max(100),
});

export const FragilityDimension = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,64}$/),
  label: z.string().min(1),
  weight: z.number().int().min(1).max(100),
  items: z.array(FragilityItem).min(1),
});

export const FragilityProfile = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,64}$/),
    version: z.number().int().min(1),
    /** First screening date (YYYY-MM-DD) this version applies to. */
    validFrom: z.iso.date(),
    label: z.string().min(1),
    /** True for profiles whose numbers are not the region's official ones. */
    illustrative: z.boolean(),
    source: z.string().min(1),
    scale: z.object({ min: z.literal(0), max: z.number().int().min(1).max(100) }),
    dimensions: z.array(FragilityDimension).min(1),
    /**
     * Fragility is "conclamata" when the `primary` dimension (labour) and at least one of `together` (social,
     * health) reach `conclamataPermille`: labour problems together with social or health problems.
     */
    conclamata: z.object({
      primary: z.string(),
      together: z.array(z.string()).min(1),
      thresholdPermille: z.number().int().min(0).max(1000),
    }),
    /** Below this overall index the applicant shows no difficulty the programme addresses. */
    targetFloorPermille: z.number().int().min(0).max(1000),
  })
  .refine(
    (p) => {
      const ids = new Set(p.dimensions.map((d) => d.id));
      return ids.has(p.conclamata.primary) && p.conclamata.together.every((d) => ids.has(d));
    },
    { message: "conclamata rule names a dimension the profile does not have", path: ["conclamata"] },
  );
export type FragilityProfile = z.infer<typeof FragilityProfile>;

/** The profile version in force on `date`: the latest `validFrom` not after it. */
export const profileInForce = (
  profiles: readonly FragilityProfile[],
  date: string,
): FragilityProfile | undefined => {
  let found: FragilityProfile | undefined;
  for (const p of profiles) {
    if (p.validFrom <= date && (found === undefined || p.validFrom > found.validFrom)) found = p;
  }
  return found;
};

/** A profile by id and version, for replays and audits of a recorded screening. */
export const findProfile = (
  profiles: readonly FragilityProfile[],
  id: string,
  version: number,
): FragilityProfile | undefined => profiles.find((p) => p.id === id && p.version === version);
