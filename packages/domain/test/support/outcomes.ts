import type { InsiemeError } from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";

/** The success of an awaited outcome; a failure throws, naming the error. */
export const must = async <A>(p: Promise<E.Either<InsiemeError, A>>): Promise<A> => {
  const r = await p;
  if (E.isLeft(r)) throw new Error(`expected success: ${JSON.stringify(r.left)}`);
  return r.right;
};

/** The rule a refusal names (or the error's tag when it is not a domain rule); undefined on success. */
export const ruleOf = (r: E.Either<InsiemeError, unknown>): string | undefined =>
  E.isLeft(r) ? (r.left._tag === "DomainError" ? r.left.rule : r.left._tag) : undefined;
