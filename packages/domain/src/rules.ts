import { type DomainError, domainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";

/** A refusal naming the rule that forbids the command. */
export const reject = <T = never>(
  rule: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): Either<DomainError, T> => E.left(domainError(rule, message, details));

export const accept = <Ev>(...events: Ev[]): Either<DomainError, readonly Ev[]> => E.right(events);

/** Whole days from date `from` to date `to` (YYYY-MM-DD), never negative. */
export const daysBetween = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
