import { z } from "zod";
import { isValidCodiceFiscale, normaliseCodiceFiscale } from "./codice-fiscale.js";

export const CodiceFiscale = z
  .string()
  .transform(normaliseCodiceFiscale)
  .refine(isValidCodiceFiscale, "not a valid codice fiscale (shape or control character)");

/** Identifying data of a candidate: only ever stored sealed with the person's key. */
export const PersonalData = z.strictObject({
  givenName: z.string().min(1).max(200),
  familyName: z.string().min(1).max(200),
  codiceFiscale: CodiceFiscale,
  email: z.email().nullable(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{6,20}$/, "expected a phone number")
    .nullable(),
});
export type PersonalData = z.infer<typeof PersonalData>;

/** What a reader sees of sealed data: the plain value, or `erased` once the person's key is destroyed. */
export type Unsealed<T> = { readonly erased: false; readonly value: T } | { readonly erased: true };
