import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";

/** Contract cases run inside and outside vitest, so they fail by throwing plain errors with a clear message. */
export class ContractViolation extends Error {
  override readonly name = "ContractViolation";
}

export const check = (condition: boolean, message: string): void => {
  if (!condition) throw new ContractViolation(message);
};

export const checkEqual = (actual: unknown, expected: unknown, what: string): void => {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ContractViolation(`${what}: expected ${e}, got ${a}`);
};

export const right = <L, R>(result: Either<L, R>, what: string): R => {
  if (E.isLeft(result))
    throw new ContractViolation(`${what}: expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

export const left = <L, R>(result: Either<L, R>, what: string): L => {
  if (E.isRight(result))
    throw new ContractViolation(`${what}: expected a failure, got ${JSON.stringify(result.right)}`);
  return result.left;
};
