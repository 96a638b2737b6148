import { formatZodError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { z } from "zod";
import type { InvalidCommand, InvalidCommandIssue } from "../service/errors.js";
import { COMMANDS } from "./catalogue.js";
import { type Command, CommandEnvelopeSchema } from "./envelope.js";

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

/**
 * Validates a command in two steps, envelope then the data schema of its type, so that every error names the
 * field it is about (`type`, `actor.role`, `data.residence.quartiere`, ...). `now` fills a missing occurredAt.
 */
export const parseCommand = (input: unknown, now: () => string): Either<InvalidCommand, Command> => {
  const envelope = CommandEnvelopeSchema.safeParse(input);
  if (!envelope.success) return E.left(invalid(envelope.error, ""));
  const { commandId, type, occurredAt, actor, correlationId } = envelope.data;
  const data = COMMANDS[type].data.safeParse(envelope.data.data);
  if (!data.success) return E.left(invalid(data.error, "data"));
  const command = {
    commandId,
    type,
    occurredAt: occurredAt ?? now(),
    actor,
    data: data.data,
    ...(correlationId === undefined ? {} : { correlationId }),
  };
  return E.right(command as Command);
};
