import type { Insieme } from "@insieme/domain";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import type { Authenticator } from "../authenticator.js";
import { callerOf } from "../caller.js";
import { type HttpError, httpErrorOf, invalidRequest, sendHttpError } from "../http-errors.js";

const candidateParams = z.strictObject({ candidateId: z.string().min(1).max(200) });

/** The answer for a candidate that does not exist: a company gets it too for one not proposed to it. */
const notFound = (candidateId: string): HttpError => ({
  status: 404,
  body: { error: "not-found", rule: "candidate-not-found", message: `no candidate ${candidateId}` },
});

/**
 * `GET /candidates/:candidateId`: the candidate as the caller's role may see them. A company cannot tell a
 * candidate not proposed to it from one that does not exist (both 404, same body), so ids cannot be probed.
 */
export const registerCandidateRoute = (app: FastifyInstance, insieme: Insieme, auth: Authenticator): void => {
  app.get("/candidates/:candidateId", async (request, reply) => {
    const caller = await callerOf(auth, request);
    if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
    const params = candidateParams.safeParse(request.params);
    if (!params.success) return sendHttpError(reply, invalidRequest("params", params.error));
    const { candidateId } = params.data;
    const view = await insieme.readCandidate(candidateId, caller.right);
    if (E.isLeft(view)) {
      const error = view.left;
      const hidden =
        caller.right.role === "company" &&
        error._tag === "DomainError" &&
        (error.rule === "candidate-not-proposed-to-company" || error.rule === "candidate-not-found");
      return sendHttpError(reply, hidden ? notFound(candidateId) : httpErrorOf(error));
    }
    return reply.send(view.right);
  });
};
