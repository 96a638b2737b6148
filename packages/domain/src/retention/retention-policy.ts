import { z } from "zod";

/**
 * How long a person's personal data is kept: their data key is destroyed (crypto-shredding, see
 * `PersonalDataVault`) `erasePersonalDataYearsAfterClose` years after their last case was closed, unless a case of
 * theirs is open again. Every programme configuration version holds one (`retention`, with its source).
 */
export const RetentionPolicy = z
  .strictObject({
    /** Whole years after the closing of the person's last case (0: as soon as it is closed). */
    erasePersonalDataYearsAfterClose: z.number().int().min(0).max(100),
  })
  .meta({ title: "RetentionPolicy", description: "When personal data is erased after a case is closed" });
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;
