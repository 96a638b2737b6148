import type { Insieme } from "@insieme/domain";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { httpErrorOf, sendHttpError } from "../http-errors.js";
import { ACTOR_HEADER } from "../viewer.js";

/**
 * `POST /commands`: one command in the domain's format, validated and decided by the engine. When the caller's
 * identity travels in a header too, the command must be sent in that identity's name.
 */
export const registerCommandRoute = (app: FastifyInstance, insieme: Insieme): void => {
  app.post("/commands", async (request, reply) => {
    const claimed = request.headers[ACTOR_HEADER];
    if (claimed !== undefined) {
      const body = request.body as { actor?: { id?: unknown } } | null;
      if (body?.actor?.id !== claimed) {
        return sendHttpError(reply, {
          status: 403,
          body: {
            error: "forbidden",
            rule: "actor-mismatch",
            message: `the command's actor.id is not ${String(claimed)}`,
          },
        });
      }
    }
    const outcome = await insieme.execute(request.body);
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
