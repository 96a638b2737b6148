import { formatZodError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { z } from "zod";
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

/**
 * Validates a command against the schema of its `type` (one discriminated union: a map lookup, then one pass), so
 * that every error names the field it is about (`type`, `actor.role`, `data.residence.quartiere`, ...). `now`
 * fills a missing occurredAt.
 */
export const parseCommand = (input: unknown, now: () => string): Either<InvalidCommand, Command> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return E.left(invalid(parsed.error, ""));
  const command = parsed.data as Command & { occurredAt?: string };
  if (command.occurredAt === undefined) return E.right({ ...command, occurredAt: now() });
  return E.right(command);
};
