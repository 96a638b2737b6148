import type { Insieme, PersonalDataVault } from "@insieme/domain";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import type { Authenticator } from "../authenticator.js";
import { callerWithRole } from "../caller.js";
import { invalidRequest, sendHttpError } from "../http-errors.js";

const personParams = z.strictObject({
  personId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "expected a person id"),
});

/**
 * `POST /persons/:personId/erasure` (operators only): destroys the person's data key, as `insieme erase` does.
 * Their sealed personal data can no longer be read; events and statistics are unchanged. Idempotent: `erased`
 * says whether a key was destroyed by this call.
 */
export const registerPersonRoutes = (
  app: FastifyInstance,
  insieme: Insieme,
  vault: PersonalDataVault,
  auth: Authenticator,
): void => {
  app.post("/persons/:personId/erasure", async (request, reply) => {
    const caller = await callerWithRole(auth, request, ["operator"], "erasure-restricted", "erase a person");
    if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
    const params = personParams.safeParse(request.params);
    if (!params.success) return sendHttpError(reply, invalidRequest("params", params.error));
    const { personId } = params.data;
    const existed = (await vault.existingKey(personId)) !== null;
    await insieme.erasePerson(personId);
    request.log.info({ personId, by: caller.right.id }, "person erased");
    return reply.send({ personId, erased: existed });
  });
};
