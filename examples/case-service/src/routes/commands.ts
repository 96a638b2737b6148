import type { Insieme } from "@insieme/domain";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import type { Authenticator, Caller } from "../authenticator.js";
import { callerOf } from "../caller.js";
import { type HttpError, httpErrorOf, sendHttpError } from "../http-errors.js";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The command in the caller's name: a body without `actor` gets the token's; a body whose `actor` is not exactly
 * the token's (id, role, company) is refused, so nobody writes in another's name or role.
 */
const inCallersName = (body: unknown, caller: Caller): E.Either<HttpError, unknown> => {
  if (!isRecord(body) || body.actor === undefined) {
    return E.right(isRecord(body) ? { ...body, actor: caller } : body);
  }
  const actor = isRecord(body.actor) ? body.actor : {};
  const same =
    actor.id === caller.id &&
    actor.role === caller.role &&
    actor.companyId === caller.companyId &&
    Object.keys(actor).every((k) => k === "id" || k === "role" || k === "companyId");
  if (same) return E.right(body);
  return E.left({
    status: 403,
    body: {
      error: "forbidden",
      rule: "actor-mismatch",
      message: `the command's actor is not the authenticated caller (${caller.role} ${caller.id})`,
    },
  });
};

/**
 * `POST /commands`: one command in the domain's format, in the authenticated caller's name, validated and
 * decided by the engine.
 */
export const registerCommandRoute = (app: FastifyInstance, insieme: Insieme, auth: Authenticator): void => {
  app.post("/commands", async (request, reply) => {
    const caller = await callerOf(auth, request);
    if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
    const command = inCallersName(request.body, caller.right);
    if (E.isLeft(command)) return sendHttpError(reply, command.left);
    const outcome = await insieme.execute(command.right);
    if (E.isLeft(outcome)) return sendHttpError(reply, httpErrorOf(outcome.left));
    const o = outcome.right;
    return reply.status(o.duplicate ? 200 : 201).send({
      commandId: o.commandId,
      type: o.type,
      duplicate: o.duplicate,
      written: o.written.map((w) => ({
        streamId: w.streamId,
        revision: w.revision,
        events: w.events.map((e) => e.type),
      })),
    });
  });
};
