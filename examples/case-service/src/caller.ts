import type { Role } from "@insieme/domain";
import type { FastifyRequest } from "fastify";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { Authenticator, Caller } from "./authenticator.js";
import type { HttpError } from "./http-errors.js";

/** The caller of a protected route, from the request's bearer token only (never from a header or the body). */
export const callerOf = (auth: Authenticator, request: FastifyRequest): Promise<Either<HttpError, Caller>> =>
  auth.authenticate(request.headers.authorization);

/** The caller, when their role is one of `roles`; a 403 naming `rule` otherwise. */
export const callerWithRole = async (
  auth: Authenticator,
  request: FastifyRequest,
  roles: readonly Role[],
  rule: string,
  what: string,
): Promise<Either<HttpError, Caller>> => {
  const caller = await callerOf(auth, request);
  if (E.isLeft(caller) || roles.includes(caller.right.role)) return caller;
  return E.left({
    status: 403,
    body: { error: "forbidden", rule, message: `role ${caller.right.role} may not ${what}` },
  });
};
