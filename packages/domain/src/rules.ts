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

/** The date `months` calendar months after `date` (YYYY-MM-DD), on the month's last day when it is shorter. */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
};

/** The date `days` days after `date` (YYYY-MM-DD); negative goes back. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * How many days before its milestone (6 or 12 months after the hiring) a follow-up may be recorded as that
 * milestone: our reading, the source gives no window.
 */
export const FOLLOW_UP_EARLY_DAYS = 14;
