import fc from "fast-check";
import { application, CONCLAMATA_SCORES, CV, cmd, IN_TARGET_SCORES, joinBoard, SKILLS } from "./fixtures.js";

const candidateId = fc.constantFrom("c0", "c1", "c2");
const companyId = fc.constantFrom("acme", "beta");
const proposalId = fc.constantFrom("p0", "p1");
const internshipId = fc.constantFrom("t0", "t1");
const projectId = fc.constantFrom("pr0", "pr1");
const amount = fc.constantFrom(0, 100_000, 250_000, 400_000);
const source = fc.constantFrom("comune_bologna" as const, "arcidiocesi" as const);
const day = fc
  .integer({ min: 0, max: 300 })
  .map((d) => new Date(Date.UTC(2018, 2, 1) + d * 86_400_000).toISOString());

/**
 * Commands over a tiny world (four candidates of three people, two companies, two projects, one budget year), so
 * that random sequences hit both the allowed and the refused transitions often.
 */
const commands = [
  fc
    .record({
      id: candidateId,
      person: fc.integer({ min: 0, max: 2 }),
      outside: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    })
    .map(({ id, person, outside }) =>
      application(id, person, {
        channel: "desk",
        ...(outside ? { residence: { municipalityIstat: "036023", quartiere: null } } : {}),
      }),
    ),
  fc
    .record({
      id: candidateId,
      scores: fc.constantFrom(IN_TARGET_SCORES, IN_TARGET_SCORES, IN_TARGET_SCORES, CONCLAMATA_SCORES, null),
      other: fc.boolean(),
    })
    .map(({ id, scores, other }) =>
      cmd("ScreenCandidate", { candidateId: id, inOtherActiveMeasure: other && scores === null, scores }),
    ),
  fc
    .record({ id: candidateId, known: fc.boolean() })
    .map(({ id, known }) =>
      cmd("RecordSocialServicesCheck", { candidateId: id, result: known ? "known" : "unknown" }),
    ),
  fc
    .record({
      id: candidateId,
      outcome: fc.constantFrom(
        "immediately_placeable",
        "empowerment_path",
        "no_show",
        "withdrawn",
        "referred_elsewhere",
      ) as fc.Arbitrary<
        "immediately_placeable" | "empowerment_path" | "no_show" | "withdrawn" | "referred_elsewhere"
      >,
      at: day,
    })
    .map(({ id, outcome, at }) =>
      cmd(
        "RecordFirstInterview",
        {
          candidateId: id,
          outcome,
          transversalSkills: outcome === "no_show" ? [] : SKILLS,
          cv: outcome === "immediately_placeable" || outcome === "empowerment_path" ? CV : null,
        },
        at,
      ),
    ),
  fc
    .record({ id: candidateId, a: fc.constantFrom("a0", "a1") })
    .map(({ id, a }) =>
      cmd("StartEmpowermentActivity", { candidateId: id, activityId: a, kind: "orientation" }),
    ),
  fc
    .record({ id: candidateId, a: fc.constantFrom("a0", "a1") })
    .map(({ id, a }) =>
      cmd("EndEmpowermentActivity", { candidateId: id, activityId: a, result: "completed" }),
    ),
  fc
    .record({ id: candidateId, p: proposalId, co: companyId })
    .map(({ id, p, co }) =>
      cmd("ProposePlacement", { candidateId: id, proposalId: p, companyId: co, opportunityId: null }),
    ),
  fc.record({ id: candidateId, p: proposalId }).map(({ id, p }) =>
    cmd("RecordOfferRefusal", {
      candidateId: id,
      proposalId: p,
      refusedBy: "candidate",
      reason: "distance",
    }),
  ),
  fc
    .record({ id: candidateId, p: proposalId, t: internshipId, a: amount, s: source })
    .map(({ id, p, t, a, s }) =>
      cmd("StartInternship", {
        candidateId: id,
        internshipId: t,
        proposalId: p,
        startDate: "2018-04-01",
        plannedEndDate: "2018-09-30",
        allowanceCents: a,
        source: s,
      }),
    ),
  fc
    .record({ id: candidateId, t: internshipId, unused: fc.constantFrom(0, 50_000, 500_000) })
    .map(({ id, t, unused }) =>
      cmd("EndInternship", { candidateId: id, internshipId: t, reason: "completed", unusedCents: unused }),
    ),
  fc
    .record({ id: candidateId, co: companyId, p: fc.option(proposalId), t: fc.option(internshipId), at: day })
    .map(({ id, co, p, t, at }) =>
      cmd(
        "RecordHiring",
        { candidateId: id, companyId: co, proposalId: p, internshipId: t, contractType: "fixed_term" },
        at,
      ),
    ),
  fc
    .record({ id: candidateId, pr: projectId })
    .map(({ id, pr }) => cmd("LinkProject", { candidateId: id, projectId: pr })),
  fc
    .record({ id: candidateId, n: fc.constantFrom("n0", "n1") })
    .map(({ id, n }) => cmd("RecordCaseNote", { candidateId: id, noteId: n, text: "note" })),
  fc
    .record({
      id: candidateId,
      reason: fc.constantFrom("autonomy", "dropped_out", "moved") as fc.Arbitrary<
        "autonomy" | "dropped_out" | "moved"
      >,
    })
    .map(({ id, reason }) => cmd("CloseCase", { candidateId: id, reason })),
  companyId.map((co) => joinBoard(co)),
  companyId.map((co) => cmd("LeaveBoard", { companyId: co, reason: "withdrew" })),
  fc
    .record({ pr: projectId, kind: fc.constantFrom("autoimpiego" as const, "sociale" as const) })
    .map(({ pr, kind }) =>
      cmd("SubmitProject", {
        projectId: pr,
        kind,
        promoterCandidateIds: [],
        requestedGrantCents: 300_000,
        requestedMicrocreditCents: 0,
      }),
    ),
  projectId.map((pr) => cmd("StartProjectEvaluation", { projectId: pr })),
  projectId.map((pr) => cmd("RejectProject", { projectId: pr, reason: "other" })),
  fc
    .record({ pr: projectId, a: amount, s: source })
    .map(({ pr, a, s }) =>
      cmd("ApproveProject", { projectId: pr, grantCents: a, microcreditCents: 0, source: s }),
    ),
  projectId.map((pr) => cmd("RecordProjectJobs", { projectId: pr, jobs: 1 })),
  fc
    .record({ s: source, a: fc.constantFrom(300_000, 600_000) })
    .map(({ s, a }) => cmd("AllocateBudget", { year: 2018, source: s, amountCents: a })),
  fc
    .record({ k: fc.constantFrom("r1-1", "r1-2"), a: fc.constantFrom(1, 100_000) })
    .map(({ k, a }) =>
      cmd("ReleaseCommitment", { year: 2018, commitmentId: k, amountCents: a, reason: "other" }),
    ),
] as const;

/** The path's main steps weigh more, so that sequences get deep into the path often. */
const WEIGHTS: readonly number[] = [3, 3, 1, 3, 1, 1, 4, 1, 4, 2, 3, 1, 1, 1, 2, 1, 2, 2, 1, 2, 1, 2, 1];

export const arbitraryCommand = fc.oneof(
  ...commands.map((arbitrary, i) => ({ arbitrary, weight: WEIGHTS[i] ?? 1 })),
);

/** Gives the commands of one generated sequence fresh, unique ids (generation may reuse an object). */
export const withFreshIds = <T extends { commandId: string }>(commands: readonly T[], run: number): T[] =>
  commands.map((c, i) => ({ ...c, commandId: `r${run}-${i}` }));

/**
 * A world set up for the path (a budget, a Board company, three applications of three people, two in target, one
 * interviewed and proposed to the company), then random
 * commands, valid and invalid: without the prefix most random commands would only meet `candidate-not-found`.
 */
export const arbitraryScenario = (maxLength: number) =>
  fc
    .tuple(
      fc.constantFrom(300_000, 600_000),
      maxLength === 0
        ? fc.constant([])
        : fc.array(arbitraryCommand, { minLength: Math.ceil(maxLength / 2), maxLength }),
    )
    .map(([budget, rest]) => [
      cmd("AllocateBudget", { year: 2018, source: "comune_bologna", amountCents: budget }),
      joinBoard("acme"),
      application("c0", 0, { channel: "desk" }),
      application("c1", 1, { channel: "desk" }),
      application("c2", 2, { channel: "desk" }),
      cmd("ScreenCandidate", { candidateId: "c0", inOtherActiveMeasure: false, scores: IN_TARGET_SCORES }),
      cmd("ScreenCandidate", { candidateId: "c1", inOtherActiveMeasure: false, scores: IN_TARGET_SCORES }),
      cmd("RecordFirstInterview", {
        candidateId: "c0",
        outcome: "immediately_placeable",
        transversalSkills: SKILLS,
        cv: CV,
      }),
      cmd("ProposePlacement", {
        candidateId: "c0",
        proposalId: "p0",
        companyId: "acme",
        opportunityId: null,
      }),
      ...rest,
    ]);
