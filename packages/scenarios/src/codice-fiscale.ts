import { codiceFiscaleCheckChar } from "@insieme/domain";

const MONTH_LETTERS = "ABCDEHLMPRST";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * A synthetic, well-formed codice fiscale that is unique per `n` (the first six letters encode it in base 26):
 * scenarios need one person per candidate, and the domain keys a person by the hash of this code.
 */
export const syntheticCodiceFiscale = (
  n: number,
  birthYear: number,
  female: boolean,
  seedDay: number,
): string => {
  let letters = "";
  let x = n;
  for (let i = 0; i < 6; i++) {
    letters = (LETTERS[x % 26] as string) + letters;
    x = Math.floor(x / 26);
  }
  const year = String(birthYear % 100).padStart(2, "0");
  const month = MONTH_LETTERS[seedDay % 12] as string;
  const day = String((seedDay % 28) + 1 + (female ? 40 : 0)).padStart(2, "0");
  const first15 = `${letters}${year}${month}${day}A944`;
  return first15 + codiceFiscaleCheckChar(first15);
};
