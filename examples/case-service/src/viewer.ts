import { CommandActor } from "@insieme/domain";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { type HttpError, invalidRequest } from "./http-errors.js";

/** Headers that say who is asking; a real deployment sets them in its authenticating proxy. */
export const ACTOR_HEADER = "x-insieme-actor";
export const ROLE_HEADER = "x-insieme-role";
export const COMPANY_HEADER = "x-insieme-company";

const HEADER_OF: Readonly<Record<string, string>> = {
  id: ACTOR_HEADER,
  role: ROLE_HEADER,
  companyId: COMPANY_HEADER,
};

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The caller as the headers name them, validated like a command's actor. */
export const viewerOf = (
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Either<HttpError, CommandActor> => {
  const id = single(headers[ACTOR_HEADER]);
  const role = single(headers[ROLE_HEADER]);
  if (id === undefined || role === undefined) {
    return E.left({
      status: 401,
      body: { error: "unauthenticated", message: `send the ${ACTOR_HEADER} and ${ROLE_HEADER} headers` },
    });
  }
  const companyId = single(headers[COMPANY_HEADER]);
  const parsed = CommandActor.safeParse({ id, role, ...(companyId === undefined ? {} : { companyId }) });
  if (!parsed.success)
    return E.left(invalidRequest("headers", parsed.error, (field) => HEADER_OF[field] ?? field));
  return E.right(parsed.data);
};
