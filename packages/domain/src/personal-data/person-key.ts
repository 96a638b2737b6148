import { createHmac } from "node:crypto";
import { normaliseCodiceFiscale } from "./codice-fiscale.js";

/**
 * The pseudonym of a person for the uniqueness check: HMAC-SHA256 of the normalised codice fiscale under a
 * secret key held by the host. Without the key the hash cannot be recomputed from a guessed code.
 */
export const personKeyOf = (hmacKey: Uint8Array, codiceFiscale: string): string =>
  createHmac("sha256", hmacKey).update(normaliseCodiceFiscale(codiceFiscale), "utf8").digest("hex");
