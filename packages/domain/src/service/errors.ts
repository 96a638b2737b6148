import type { CommandError } from "@insieme/kernel";

export interface InvalidCommandIssue {
  /** Dotted path of the offending field, e.g. `data.residence.municipalityIstat`. */
  readonly path: string;
  readonly message: string;
  /** Set for an issue that is not about the schema: `personal-data-in-id` for an id that carries personal data. */
  readonly code?: "personal-data-in-id";
}

/** The command does not match its schema: nothing was decided or written. */
export interface InvalidCommand {
  readonly _tag: "InvalidCommand";
  readonly message: string;
  readonly issues: readonly InvalidCommandIssue[];
}

export type InsiemeError = CommandError | InvalidCommand;

/** One line for people and logs: the rule of a refusal, the field of an invalid command, or the fault. */
export const describeError = (error: InsiemeError): string => {
  switch (error._tag) {
    case "DomainError":
      return `rule ${error.rule}: ${error.message}`;
    case "InvalidCommand":
      return `invalid command: ${error.message}`;
    default:
      return error.message;
  }
};
