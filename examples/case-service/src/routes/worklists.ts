import { personKeyOf } from "@insieme/domain";
import type { EventStore } from "@insieme/kernel";
import { type Viewer, WorklistForbidden, type Worklists } from "@insieme/worklists";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import type { Authenticator } from "../authenticator.js";
import { callerOf } from "../caller.js";
import { type HttpError, invalidRequest, sendHttpError } from "../http-errors.js";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
/** A comma-separated list of keys (a desk's comuni or areas). */
const keyList = (pattern: RegExp, what: string) =>
  z
    .string()
    .max(4000)
    .transform((v) => v.split(","))
    .pipe(
      z
        .array(z.string().regex(pattern, `expected ${what}`))
        .min(1)
        .max(500),
    );
const order = z.enum(["asc", "desc"]).default("asc");
const openCasesQuery = z
  .strictObject({
    ...paging,
    state: z.string().min(1).max(64).optional(),
    operator: z.string().min(1).max(200).optional(),
    municipality: keyList(/^\d{6}$/, "ISTAT codes of six digits, comma-separated").optional(),
    area: keyList(/^[a-z0-9_-]{1,64}$/, "area ids, comma-separated").optional(),
    sort: z
      .enum(["appliedOn", "candidateId", "state", "internshipEnd", "proposedOn", "municipality"])
      .default("appliedOn"),
    order,
  })
  .refine((q) => q.area === undefined || q.municipality !== undefined, {
    message: "area needs municipality (the comuni the areas belong to)",
    path: ["area"],
  });
const followUpsQuery = z.strictObject({
  ...paging,
  days: z.coerce.number().int().min(0).max(3650).default(30),
  asOf: IsoDate.optional(),
});
const projectsQuery = z.strictObject({
  ...paging,
  kind: z.enum(["autoimpiego", "sociale"]).optional(),
  state: z.enum(["waiting", "under_evaluation", "not_eligible", "approved"]).optional(),
  sort: z.enum(["submittedOn", "stateSince", "projectId", "requestedGrantCents"]).default("submittedOn"),
  order,
});
const waitingQuery = z.strictObject({
  ...paging,
  stage: z.enum(["screening", "firstInterview"]),
  days: z.coerce.number().int().min(0).max(3650).default(14),
  asOf: IsoDate.optional(),
});
const endingQuery = z.strictObject({
  ...paging,
  days: z.coerce.number().int().min(0).max(3650).default(30),
  asOf: IsoDate.optional(),
});
const pagingQuery = z.strictObject(paging);
const opportunitiesQuery = z.strictObject({ ...paging, companyId: z.string().min(1).max(200).optional() });
/** The codice fiscale travels in a header, never in the URL (URLs end up in logs). */
const CODICE_FISCALE_HEADER = "insieme-codice-fiscale";
const codiceFiscale = z.string().regex(/^[A-Z0-9]{16}$/i, "expected a 16-character codice fiscale");

const forbidden = (role: string): HttpError => ({
  status: 403,
  body: { error: "forbidden", rule: "worklist-role", message: `role ${role} may not read this work list` },
});

/**
 * `GET /worklists/...`: the work lists by the caller's role (from their verified token only). Operators see every
 * list; a company sees pending proposals, internships ending and opportunities that concern it; other roles none.
 * Each answer waits (up to `freshnessMs`) for the lists to reach the store's head, so a command's effect is seen.
 */
export const registerWorklistRoutes = (
  app: FastifyInstance,
  lists: Worklists,
  store: EventStore,
  auth: Authenticator,
  personKey: Uint8Array,
  today: () => string,
  freshnessMs = 5_000,
): void => {
  const fresh = async () => {
    const head = (await store.headPosition()) ?? -1;
    const until = Date.now() + freshnessMs;
    while (((await lists.checkpoint()) ?? -1) < head && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
  };
  const route = <S extends z.ZodType>(
    path: string,
    schema: S,
    answer: (viewer: Viewer, query: z.output<S>, request: FastifyRequest) => Promise<unknown>,
  ) =>
    app.get(`/worklists/${path}`, async (request, reply: FastifyReply) => {
      const caller = await callerOf(auth, request);
      if (E.isLeft(caller)) return sendHttpError(reply, caller.left);
      const { role, companyId } = caller.right as { role: string; companyId?: string };
      const viewer: Viewer | null =
        role === "operator"
          ? { role: "operator" }
          : role === "company" && companyId !== undefined
            ? { role: "company", companyId }
            : null;
      if (viewer === null) return sendHttpError(reply, forbidden(role));
      const query = schema.safeParse(request.query);
      if (!query.success) return sendHttpError(reply, invalidRequest("query", query.error));
      await fresh();
      try {
        return reply.send(await answer(viewer, query.data, request));
      } catch (error) {
        if (error instanceof WorklistForbidden) return sendHttpError(reply, forbidden(role));
        throw error;
      }
    });

  route("open-cases", openCasesQuery, (viewer, q) =>
    lists.openCases(
      viewer,
      {
        ...(q.state === undefined ? {} : { state: q.state }),
        ...(q.operator === undefined ? {} : { operator: q.operator }),
        ...(q.municipality === undefined
          ? {}
          : { desk: { municipalities: q.municipality, ...(q.area === undefined ? {} : { areas: q.area }) } }),
      },
      { limit: q.limit, offset: q.offset, sort: q.sort, descending: q.order === "desc" },
    ),
  );
  route("waiting", waitingQuery, (viewer, q) =>
    lists.waiting(viewer, { asOf: q.asOf ?? today(), days: q.days, stage: q.stage }, q),
  );
  route("internships-ending", endingQuery, (viewer, q) =>
    lists.internshipsEnding(viewer, { asOf: q.asOf ?? today(), days: q.days }, q),
  );
  route("pending-proposals", pagingQuery, (viewer, q) => lists.pendingProposals(viewer, q));
  route("opportunities", opportunitiesQuery, (viewer, q) => {
    const companyId = viewer.role === "company" ? viewer.companyId : q.companyId;
    if (companyId === undefined) throw new WorklistForbidden("companyId is required");
    return lists.openOpportunities(viewer, companyId, q);
  });
  route("pipeline", pagingQuery, (viewer) => lists.pipeline(viewer));
  route("follow-ups", followUpsQuery, (viewer, q) =>
    lists.followUpsDue(viewer, { asOf: q.asOf ?? today(), days: q.days }, q),
  );
  route("projects", projectsQuery, (viewer, q) =>
    lists.projects(
      viewer,
      {
        ...(q.kind === undefined ? {} : { kind: q.kind }),
        ...(q.state === undefined ? {} : { state: q.state }),
      },
      { limit: q.limit, offset: q.offset, sort: q.sort, descending: q.order === "desc" },
    ),
  );
  route("project-pipeline", z.strictObject({}), (viewer) => lists.projectPipeline(viewer));
  route("person-cases", pagingQuery, async (viewer, q, request) => {
    const code = codiceFiscale.safeParse(request.headers[CODICE_FISCALE_HEADER]);
    if (!code.success) throw new InvalidCodiceFiscale();
    return lists.casesOfPerson(viewer, personKeyOf(personKey, code.data), q);
  });
};

/** A person-cases request without a well-formed codice fiscale header. */
export class InvalidCodiceFiscale extends Error {
  override readonly name = "InvalidCodiceFiscale";
  readonly statusCode = 400;
  readonly code = "invalid-request";
  constructor() {
    super(`header ${CODICE_FISCALE_HEADER}: expected a 16-character codice fiscale`);
  }
}
