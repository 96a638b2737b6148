const ODD: Readonly<Record<string, number>> = {
  "0": 1,
  "1": 0,
  "2": 5,
  "3": 7,
  "4": 9,
  "5": 13,
  "6": 15,
  "7": 17,
  "8": 19,
  "9": 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};

const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Upper case, no spaces: the form that is hashed, so that "rss mra..." and "RSSMRA..." are the same person. */
export const normaliseCodiceFiscale = (code: string): string => code.replace(/\s+/g, "").toUpperCase();

const evenValue = (ch: string): number =>
  ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 65;

/** The control character (16th) of the first 15 characters of a codice fiscale. */
export const codiceFiscaleCheckChar = (first15: string): string => {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15.charAt(i);
    sum += i % 2 === 0 ? (ODD[ch] ?? 0) : evenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
};

/** Shape (with omocodia substitutions) and control character of a normalised codice fiscale. */
export const isValidCodiceFiscale = (code: string): boolean =>
  SHAPE.test(code) && codiceFiscaleCheckChar(code.slice(0, 15)) === code.charAt(15);
