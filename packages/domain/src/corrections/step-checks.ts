import { type DomainError, domainError } from "@insieme/kernel";

/** The refusal of a correction whose history would have an event where the path does not allow it. */
export const skipped = (event: string, status: string, expected: string): DomainError =>
  domainError(
    "correction-skips-step",
    `${event} cannot follow a state ${status} (it needs ${expected}): the path would skip a step`,
    { status },
  );
