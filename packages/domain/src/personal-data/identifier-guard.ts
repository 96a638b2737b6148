import type { InvalidCommandIssue } from "../service/errors.js";

/** A codice fiscale anywhere in a string (omocodia letters allowed, any case, spaces not). */
const CODICE_FISCALE_INSIDE =
  /[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/i;
/** An e-mail address anywhere in a string. */
const EMAIL_INSIDE = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/** A field that holds an identifier: `id`, `commandId`, `candidateId`, `correlationId`, ... */
const isIdField = (key: string): boolean => key === "id" || /Ids?$/.test(key);

/** What personal data a string carries, or null. */
export const personalDataIn = (value: string): "codice fiscale" | "e-mail address" | null =>
  CODICE_FISCALE_INSIDE.test(value) ? "codice fiscale" : EMAIL_INSIDE.test(value) ? "e-mail address" : null;

/**
 * Identifiers that carry personal data, anywhere in a command: an id is kept in clear for ever in the journal
 * (erasure destroys the sealed personal data, not the ids), so `RSSGNN80A01A944X-giovanna` or
 * `maria@example.org` as a candidate id would defeat erasure. Every id field is looked at (the personal data
 * block itself, `data.personal`, is sealed and is not an id). One issue per field, naming it.
 */
export const personalDataInIds = (command: unknown): InvalidCommandIssue[] => {
  const issues: InvalidCommandIssue[] = [];
  const visit = (value: unknown, path: readonly string[], idField: boolean): void => {
    if (typeof value === "string") {
      if (!idField) return;
      const found = personalDataIn(value);
      if (found !== null) {
        issues.push({
          path: path.join("."),
          message: `carries personal data (${found === "codice fiscale" ? "a" : "an"} ${found}): ids are kept in clear for ever, use a pseudonymous id`,
          code: "personal-data-in-id",
        });
      }
      return;
    }
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, [...path, String(i)], idField);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (path.length === 1 && path[0] === "data" && key === "personal") continue;
      visit(child, [...path, key], isIdField(key));
    }
  };
  visit(command, [], false);
  return issues;
};
