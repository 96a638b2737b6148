import { type Insieme, type PersonalDataVault, personalDataIn } from "@insieme/domain";
import type { FastifyInstance } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import type { Authenticator } from "../authenticator.js";
import { callerOf, callerWithRole } from "../caller.js";
import { type HttpError, httpErrorOf, invalidRequest, sendHttpError } from "../http-errors.js";

const personParams = z.strictObject({
  personId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, "expected a person id")
    .refine(
      (id) => personalDataIn(id) === null,
      "carries personal data: a person is looked up by codice fiscale with POST /persons/lookup, never in a URL",
    ),
});

/** No query string: nothing personal may travel in a URL. */
const noQuery = z.strictObject({});

/** The codice fiscale travels in the body only, never in a URL: access logs never hold it. */
const lookupBody = z.strictObject({ codiceFiscale: z.string().min(1).max(64) });

/** The answer for a person that does not exist: a company gets it for every person, so ids cannot be probed. */
const personNotFound = (personId: string): HttpError => ({
  status: 404,
  body: { error: "not-found", rule: "person-not-found", message: `no person ${personId}` },
});

/**
 * `GET /persons/:personId/history`: the person across cases as the caller's role may see them (operator,
 * technical referent: personal data and notes opened; auditor: by pseudonym). A company gets the answer of an
 * unknown person.
 * `POST /persons/lookup` (operator, technical referent) with `{ "codiceFiscale": "..." }`: the person's id, by
 * the keyed hash of the code; 404 when no person has it. The code is never logged nor returned.
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
  app.get("/persons/:personId/history", async (request, reply) => {
    const caller = await callerOf(auth, request);
    if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
    const params = personParams.safeParse(request.params);
    if (!params.success) return sendHttpError(reply, invalidRequest("params", params.error));
    const { personId } = params.data;
    if (caller.right.role === "company") return sendHttpError(reply, personNotFound(personId));
    const history = await insieme.readPersonHistory(personId, caller.right);
    if (E.isLeft(history)) {
      const error = history.left;
      const unknown = error._tag === "DomainError" && error.rule === "person-not-found";
      return sendHttpError(reply, unknown ? personNotFound(personId) : httpErrorOf(error));
    }
    return reply.send(history.right);
  });

  app.post("/persons/lookup", async (request, reply) => {
    const caller = await callerWithRole(
      auth,
      request,
      ["operator", "technical_referent"],
      "role-not-allowed",
      "look a person up by codice fiscale",
    );
    if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
    const query = noQuery.safeParse(request.query);
    if (!query.success)
      return sendHttpError(reply, {
        status: 400,
        body: {
          error: "invalid-query",
          message: "the codice fiscale goes in the JSON body, never in the URL",
          issues: [{ path: "query", message: "no query parameters are taken" }],
        },
      });
    const body = lookupBody.safeParse(request.body);
    // The issues name the field, never the value sent.
    if (!body.success) return sendHttpError(reply, invalidRequest("body", body.error));
    const found = await insieme.findPerson(body.data.codiceFiscale, caller.right);
    if (E.isLeft(found)) {
      const error = found.left;
      if (error._tag === "DomainError" && error.rule === "person-not-found")
        return sendHttpError(reply, {
          status: 404,
          body: {
            error: "not-found",
            rule: "person-not-found",
            message: "no person with this codice fiscale",
          },
        });
      return sendHttpError(reply, httpErrorOf(error));
    }
    return reply.send(found.right);
  });

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
