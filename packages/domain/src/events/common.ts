import { z } from "zod";

/** Ids are chosen by the host (uuid, sequential, ...): non-empty, bounded, no whitespace. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, "expected an id of 1-128 letters, digits or . _ : -");

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();

/** ISTAT municipality code: 6 digits (province + comune). */
export const IstatCode = z.string().regex(/^\d{6}$/, "expected a 6-digit ISTAT municipality code");

/** Keyed hash (HMAC-SHA256, hex) of a person's codice fiscale: a pseudonym, never the code itself. */
export const PersonKey = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");

/** The id of a sub-municipal area of the configuration's territory (Bologna: its quartieri). */
export const AreaId = z
  .string()
  .regex(/^[a-z0-9_]{1,64}$/, "expected an area id (1-64 lowercase letters, digits or _)");

/**
 * Where a person lives (residence or domicile): ISTAT code, and the sub-municipal area (`quartiere`) for comuni
 * the configuration divides into areas (null otherwise; checked against the configuration when deciding).
 */
export const Residence = z.object({ municipalityIstat: IstatCode, quartiere: AreaId.nullable() });
export type Residence = z.infer<typeof Residence>;

/**
 * Personal data sealed with the person's own key (AES-256-GCM): unreadable once the key is destroyed,
 * while the event that carries it still decodes.
 */
export const SealedData = z.object({
  personId: Id,
  alg: z.literal("AES-256-GCM"),
  iv: z.base64(),
  tag: z.base64(),
  ciphertext: z.base64(),
});
export type SealedData = z.infer<typeof SealedData>;
