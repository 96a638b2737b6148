import { z } from "zod";

/** A correction changes some fields of a recorded fact (`amend`) or declares it never happened (`void`). */
export const CorrectionAction = z.enum(["amend", "void"]);
export type CorrectionAction = z.infer<typeof CorrectionAction>;

/** Why a fact is corrected (no free text: a reason may not carry personal data). */
export const CorrectionReason = z.enum([
  "typing_error",
  "wrong_case",
  "later_information",
  "recorded_twice",
  "other",
]);
export type CorrectionReason = z.infer<typeof CorrectionReason>;
