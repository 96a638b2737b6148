import type { Insieme } from "@insieme/domain";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { httpErrorOf, invalidRequest, sendHttpError } from "../http-errors.js";
import { viewerOf } from "../viewer.js";

const candidateParams = z.strictObject({ candidateId: z.string().min(1).max(200) });

/** `GET /candidates/:candidateId`: the candidate as the caller's role may see them. */
export const registerCandidateRoute = (app: FastifyInstance, insieme: Insieme): void => {
  app.get("/candidates/:candidateId", async (request, reply) => {
    const params = candidateParams.safeParse(request.params);
    if (!params.success) return sendHttpError(reply, invalidRequest("params", params.error));
    const viewer = viewerOf(request.headers);
    if (E.isLeft(viewer)) return sendHttpError(reply, viewer.left);
    const view = await insieme.readCandidate(params.data.candidateId, viewer.right);
    if (E.isLeft(view)) return sendHttpError(reply, httpErrorOf(view.left));
    return reply.send(view.right);
  });
};
