import { compileSchemaCheck, formatZodError, type SchemaCheck } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { z } from "zod";
import { personalDataInIds } from "../personal-data/identifier-guard.js";
import type { InvalidCommand, InvalidCommandIssue } from "../service/errors.js";
import { type Command, commandLineSchema } from "./envelope.js";

const issuesOf = (error: z.ZodError, prefix: string): InvalidCommandIssue[] =>
  error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== "").join("."),
    message: issue.message,
  }));

const invalid = (error: z.ZodError, prefix: string): InvalidCommand => ({
  _tag: "InvalidCommand",
  message: formatZodError(error, prefix),
  issues: issuesOf(error, prefix),
});

const schema = commandLineSchema();

/** Per command type, the compiled check of its whole line (absent for types with transforms: zod alone). */
const fastChecks = new Map<string, SchemaCheck>();
for (const option of schema.options) {
  const type = (option.shape.type as z.ZodLiteral<string>).value;
  const check = compileSchemaCheck(option);
  if (check !== undefined) fastChecks.set(type, check);
}

/**
 * A fresh copy of checked plain data (objects, arrays, primitives), as zod's own output would be. Each key is
 * defined as an own property, never assigned: an own `__proto__` key (JSON.parse makes one) stays data and cannot
 * change the copy's prototype.
 */
const copyPlain = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    Object.defineProperty(copy, key, {
      value: copyPlain((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
};

const withOccurredAt = (command: Command & { occurredAt?: string }, now: () => string): Command =>
  command.occurredAt === undefined ? { ...command, occurredAt: now() } : command;

/**
 * Validates a command against the schema of its `type` (one discriminated union: a map lookup, then one pass), so
 * that every error names the field it is about (`type`, `actor.role`, `data.residence.quartiere`, ...). `now`
 * fills a missing occurredAt. A command its type's compiled check accepts as it is is copied without zod (the
 * copy is what zod would return: the host keeps its own object). An id that carries personal data (a codice
 * fiscale or an e-mail address) is refused first, naming its field.
 */
export const parseCommand = (input: unknown, now: () => string): Either<InvalidCommand, Command> => {
  const personal = personalDataRefusal(input);
  if (personal !== null) return E.left(personal);
  const type = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  const check = typeof type === "string" ? fastChecks.get(type) : undefined;
  if (check?.(input) === true) return E.right(withOccurredAt(copyPlain(input) as Command, now));
  return parseWithZod(input, now);
};

/**
 * `parseCommand` with zod alone, without the compiled checks (the reference they are tested against): the same
 * refusal of personal data in ids first, then the schema.
 */
export const parseCommandWithZod = (input: unknown, now: () => string): Either<InvalidCommand, Command> => {
  const personal = personalDataRefusal(input);
  return personal !== null ? E.left(personal) : parseWithZod(input, now);
};

/** Ids that carry personal data (a codice fiscale or an e-mail address), each naming its field; null if none. */
const personalDataRefusal = (input: unknown): InvalidCommand | null => {
  const personal = personalDataInIds(input);
  return personal.length === 0
    ? null
    : {
        _tag: "InvalidCommand",
        message: personal.map((i) => `${i.path}: ${i.message}`).join("; "),
        issues: personal,
      };
};

const parseWithZod = (input: unknown, now: () => string): Either<InvalidCommand, Command> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return E.left(invalid(parsed.error, ""));
  return E.right(withOccurredAt(parsed.data as Command & { occurredAt?: string }, now));
};
