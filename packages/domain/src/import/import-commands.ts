import * as E from "fp-ts/lib/Either.js";
import { describeError } from "../service/errors.js";
import type { Insieme } from "../service/insieme.js";

/** Why a line was rejected: not JSON, not a valid command, refused by a rule, or failed in the store. */
export type RejectionKind = "json" | "schema" | "rule" | "conflict" | "fault";

export interface LineError {
  /** 1-based line number in the input. */
  readonly line: number;
  readonly kind: RejectionKind;
  readonly reason: string;
  readonly commandId?: string;
  /** The domain rule, for refusals. */
  readonly rule?: string;
}

export interface ImportReport {
  /** Lines accepted, duplicates included. */
  readonly accepted: number;
  /** Accepted lines whose command id had already been handled: nothing was written for them. */
  readonly duplicates: number;
  readonly rejected: number;
  /** Empty or whitespace-only lines, skipped. */
  readonly blank: number;
  readonly errors: readonly LineError[];
}

export interface ImportOptions {
  /** Called after every line, e.g. for progress output. */
  readonly onLine?: (line: number, error: LineError | null) => void;
}

const commandIdOf = (value: unknown): string | undefined => {
  if (typeof value !== "object" || value === null) return undefined;
  const id = (value as { commandId?: unknown }).commandId;
  return typeof id === "string" ? id : undefined;
};

/**
 * Executes an NDJSON command file in order, one command per line (format: docs/commands.md). A rejected line
 * writes nothing and is reported with its number and reason; the import goes on with the next line. Read a file
 * with the kernel's `readFileLines`, the one line reader: it bounds each line's length and refuses invalid UTF-8
 * (throwing a `LineReadError` that names the line) before a line reaches this function.
 */
export const importCommands = async (
  lines: AsyncIterable<string> | Iterable<string>,
  insieme: Insieme,
  options: ImportOptions = {},
): Promise<ImportReport> => {
  let lineNumber = 0;
  let accepted = 0;
  let duplicates = 0;
  let blank = 0;
  const errors: LineError[] = [];
  const fail = (error: LineError) => {
    errors.push(error);
    options.onLine?.(error.line, error);
  };
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === "") {
      blank++;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail({ line: lineNumber, kind: "json", reason: `invalid JSON: ${(error as Error).message}` });
      continue;
    }
    const commandId = commandIdOf(value);
    const withId = commandId === undefined ? {} : { commandId };
    let result: Awaited<ReturnType<Insieme["execute"]>>;
    try {
      result = await insieme.execute(value);
    } catch (error) {
      fail({ line: lineNumber, kind: "fault", reason: `internal error: ${String(error)}`, ...withId });
      continue;
    }
    if (E.isRight(result)) {
      accepted++;
      if (result.right.duplicate) duplicates++;
      options.onLine?.(lineNumber, null);
      continue;
    }
    const e = result.left;
    const reason = describeError(e);
    switch (e._tag) {
      case "InvalidCommand":
        fail({ line: lineNumber, kind: "schema", reason, ...withId });
        break;
      case "DomainError":
        fail({ line: lineNumber, kind: "rule", reason, rule: e.rule, ...withId });
        break;
      case "WrongExpectedRevision":
        fail({ line: lineNumber, kind: "conflict", reason, ...withId });
        break;
      default:
        fail({ line: lineNumber, kind: "fault", reason, ...withId });
    }
  }
  return { accepted, duplicates, rejected: errors.length, blank, errors };
};
