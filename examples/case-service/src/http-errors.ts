import type { InsiemeError } from "@insieme/domain";
import type { FastifyReply } from "fastify";
import type { z } from "zod";

/** An error response: the HTTP status and a JSON body that names the rule or the field at fault. */
export interface HttpError {
  readonly status: number;
  readonly body: {
    readonly error: string;
    readonly message: string;
    readonly rule?: string;
    readonly details?: Readonly<Record<string, unknown>>;
    readonly issues?: readonly { readonly path: string; readonly message: string }[];
    readonly streamId?: string;
    readonly expected?: string;
    readonly actual?: number | null;
  };
  /** Response headers to send with it (`www-authenticate` on a 401, `retry-after` on a 429). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Refusals about who may do or see something, rather than about the case itself. */
const FORBIDDEN_RULES = new Set([
  "role-not-allowed",
  "company-acts-only-for-itself",
  "candidate-not-proposed-to-company",
  "correction-role-not-allowed",
]);

/** Maps the engine's error values to HTTP: 400 invalid, 403 not allowed, 404 unknown, 409 conflict, 422 refused. */
export const httpErrorOf = (error: InsiemeError): HttpError => {
  switch (error._tag) {
    case "InvalidCommand":
      return {
        status: 400,
        body: { error: "invalid-command", message: error.message, issues: error.issues },
      };
    case "DomainError": {
      const status = FORBIDDEN_RULES.has(error.rule) ? 403 : error.rule.endsWith("-not-found") ? 404 : 422;
      return {
        status,
        body: {
          error: status === 422 ? "rule-refused" : status === 403 ? "forbidden" : "not-found",
          rule: error.rule,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      };
    }
    case "WrongExpectedRevision":
      return {
        status: 409,
        body: {
          error: "concurrency-conflict",
          message: `${error.message}; reload and send the command again`,
          streamId: error.streamId,
          expected: error.expected,
          actual: error.actual,
        },
      };
    case "StreamDeleted":
      return {
        status: 409,
        body: { error: "stream-deleted", message: error.message, streamId: error.streamId },
      };
    case "EventDecodeError":
      return { status: 500, body: { error: "stored-event-invalid", message: error.message } };
  }
};

/** A request's query, path or headers did not match their schema. */
export const invalidRequest = (
  where: string,
  error: z.ZodError,
  rename?: (field: string) => string,
): HttpError => {
  const issues = error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    const path = rename === undefined ? field : rename(field);
    return { path: path === "" ? where : `${where}.${path}`, message: issue.message };
  });
  return {
    status: 400,
    body: {
      error: `invalid-${where}`,
      message: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
      issues,
    },
  };
};

/** Sends an error response. */
export const sendHttpError = (reply: FastifyReply, error: HttpError) =>
  reply
    .status(error.status)
    .headers(error.headers ?? {})
    .send(error.body);
