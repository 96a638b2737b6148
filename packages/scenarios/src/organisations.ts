import {
  command,
  primarySource,
  type ScenarioCommand,
  type ScenarioContext,
  secondarySource,
} from "./candidate-path.js";
import { at } from "./dates.js";

const referent = { id: "referent-01", role: "technical_referent" } as const;
const SIZES = ["micro", "small", "medium", "large"] as const;
const SECTORS = ["A", "C", "F", "G", "H", "I", "N", "Q", "S"] as const;

export type BoardChannelName =
  | "direct"
  | "non_partner"
  | "legacoop"
  | "confcooperative"
  | "cna"
  | "confindustria"
  | "confcommercio"
  | "confesercenti"
  | "confartigianato";

/** A company joins the Board and declares its needs (so it counts among the active ones). */
export const companyCommands = (
  ctx: ScenarioContext,
  companyId: string,
  channel: BoardChannelName,
  joinedOn: string,
): ScenarioCommand[] => [
  command(ctx, "JoinBoard", at(joinedOn, 0), {
    companyId,
    name: `Azienda ${companyId}`,
    channel,
    size: ctx.rng.pick(SIZES),
    sector: ctx.rng.pick(SECTORS),
    municipalityIstat: ctx.rng.pick(ctx.rules.territory.municipalities).istat,
  }),
  command(ctx, "DeclareCompanyNeeds", at(joinedOn, 1), {
    companyId,
    needId: `${companyId}-need1`,
    profiles: [{ occupationGroup: ctx.rng.int(4, 9), positions: ctx.rng.int(1, 5) }],
    trainingRequested: ctx.rng.chance(0.4),
  }),
];

export type ProjectPlan = "waiting" | "under_evaluation" | "not_eligible" | "approved";

/** A project from submission to the state of `plan`, with `jobs` created when approved. */
export const projectCommands = (
  ctx: ScenarioContext,
  projectId: string,
  kind: "autoimpiego" | "sociale",
  plan: ProjectPlan,
  jobs: number,
  submittedOn: string,
  dayAfter: (days: number) => string,
): ScenarioCommand[] => {
  const grant = kind === "sociale" ? ctx.rng.int(20, 80) * 10_000 : ctx.rng.int(50, 150) * 10_000;
  const out: ScenarioCommand[] = [
    command(ctx, "SubmitProject", at(submittedOn, 0), {
      projectId,
      kind,
      promoterCandidateIds: [],
      requestedGrantCents: grant,
      requestedMicrocreditCents: kind === "sociale" ? 0 : ctx.rng.int(0, 20) * 100_000,
    }),
  ];
  if (plan === "waiting") return out;
  out.push(command(ctx, "StartProjectEvaluation", at(dayAfter(10), 0), { projectId }, referent));
  if (plan === "under_evaluation") return out;
  if (plan === "not_eligible") {
    out.push(
      command(
        ctx,
        "RejectProject",
        at(dayAfter(45), 0),
        {
          projectId,
          reason: ctx.rng.pick([
            "requirements_not_met",
            "business_plan_not_sustainable",
            "incomplete_documents",
          ] as const),
        },
        referent,
      ),
    );
    return out;
  }
  out.push(
    command(
      ctx,
      "ApproveProject",
      at(dayAfter(45), 0),
      { projectId, grantCents: grant, microcreditCents: 0, source: primarySource(ctx) },
      referent,
    ),
  );
  if (jobs > 0) out.push(command(ctx, "RecordProjectJobs", at(dayAfter(120), 0), { projectId, jobs }));
  return out;
};

/** The fund's yearly budgets (Comune 10 M€ and Arcidiocesi 4 M€ over four years), scaled by `scale`. */
export const budgetCommands = (
  ctx: ScenarioContext,
  years: readonly number[],
  scale: number,
): ScenarioCommand[] =>
  years.flatMap((year) => [
    command(
      ctx,
      "AllocateBudget",
      at(`${year}-01-01`, 0),
      {
        year,
        source: primarySource(ctx),
        amountCents: Math.min(10_000_000_000, Math.round(250_000_000 * scale)),
      },
      referent,
    ),
    command(
      ctx,
      "AllocateBudget",
      at(`${year}-01-01`, 1),
      {
        year,
        source: secondarySource(ctx),
        amountCents: Math.min(10_000_000_000, Math.round(100_000_000 * scale)),
      },
      referent,
    ),
  ]);
