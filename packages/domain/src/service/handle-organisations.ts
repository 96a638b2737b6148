import * as E from "fp-ts/lib/Either.js";
import type { Command } from "../commands/envelope.js";
import type { CompanyCommand } from "../company/decider.js";
import { commitmentOf, type FundCommand } from "../fund/decider.js";
import type { ProjectCommand } from "../project/decider.js";
import { reject } from "../rules.js";
import { candidateStream, companyStream, fundStream, projectStream } from "../streams.js";
import type { ServiceContext, WriteContext } from "./context.js";
import { commitFund, compensateCommitment, type Writes } from "./cross-stream.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

const MAX_RETRIES = 5;

export const companyCommand = async (
  ctx: ServiceContext,
  companyId: string,
  command: CompanyCommand,
  w: WriteContext,
): Promise<Writes> => {
  const written = await ctx.companies.run(companyStream(companyId), () => E.right(command), w);
  return E.isLeft(written) ? written : E.right([written.right]);
};

export const projectCommand = async (
  ctx: ServiceContext,
  projectId: string,
  command: ProjectCommand,
  w: WriteContext,
): Promise<Writes> => {
  const written = await ctx.projects.run(projectStream(projectId), () => E.right(command), w);
  return E.isLeft(written) ? written : E.right([written.right]);
};

export const fundCommand = async (
  ctx: ServiceContext,
  command: FundCommand,
  w: WriteContext,
): Promise<Writes> => {
  const written = await ctx.funds.run(fundStream(command.year), () => E.right(command), w);
  return E.isLeft(written) ? written : E.right([written.right]);
};

export const submitProject = async (
  ctx: ServiceContext,
  cmd: Of<"SubmitProject">,
  w: WriteContext,
): Promise<Writes> => {
  for (const candidateId of cmd.data.promoterCandidateIds) {
    const candidate = await ctx.candidates.load(candidateStream(candidateId));
    if (E.isLeft(candidate)) return candidate;
    if (candidate.right.state.status === "none") {
      return reject("promoter-not-found", `promoter ${candidateId} is not a candidate`, { candidateId });
    }
  }
  const d = cmd.data;
  return projectCommand(
    ctx,
    d.projectId,
    {
      kind: "Submit",
      projectId: d.projectId,
      projectKind: d.kind,
      promoterCandidateIds: d.promoterCandidateIds,
      requestedGrantCents: d.requestedGrantCents,
      requestedMicrocreditCents: d.requestedMicrocreditCents,
      limits: w.configuration.rules.projects,
    },
    w,
  );
};

/** Approval commits the grant on the fund of the approval year first, like an internship's allowance. */
export const approveProject = async (
  ctx: ServiceContext,
  cmd: Of<"ApproveProject">,
  w: WriteContext,
): Promise<Writes> => {
  const d = cmd.data;
  const stream = projectStream(d.projectId);
  const year = Number(cmd.occurredAt.slice(0, 4));
  const commitmentId = d.grantCents > 0 ? cmd.commandId : null;
  let committed = false;
  for (let attempt = 0; ; attempt++) {
    const project = await ctx.projects.load(stream, attempt > 0);
    if (E.isLeft(project)) return project;
    const decided = ctx.projects.decide(
      {
        kind: "Approve",
        grantCents: d.grantCents,
        microcreditCents: d.microcreditCents,
        commitmentId,
        fundYear: commitmentId === null ? null : year,
        limits: w.configuration.rules.projects,
      },
      project.right.state,
    );
    if (E.isLeft(decided)) {
      if (committed) await compensateCommitment(ctx, year, cmd.commandId, d.grantCents, w);
      return decided;
    }
    const fund =
      commitmentId === null
        ? null
        : await commitFund(
            ctx,
            {
              kind: "Commit",
              year,
              commitmentId,
              source: d.source,
              purpose: "project_grant",
              amountCents: d.grantCents,
              candidateId: null,
              internshipId: null,
              projectId: d.projectId,
            },
            w,
          );
    if (fund !== null && E.isLeft(fund)) return fund;
    committed = fund !== null;
    const written = await ctx.projects.append(stream, project.right, decided.right, w);
    if (E.isRight(written)) {
      return E.right(
        fund !== null && fund.right.events.length > 0 ? [fund.right, written.right] : [written.right],
      );
    }
    if (written.left._tag === "WrongExpectedRevision" && attempt < MAX_RETRIES) continue;
    if (committed) await compensateCommitment(ctx, year, cmd.commandId, d.grantCents, w);
    return written;
  }
};

/**
 * A withdrawal or revocation of a project: the project decides on what is still committed of its grant, is
 * appended, then that amount is released on the fund (reason `project_cancelled`).
 */
export const releasingProjectCommand = async (
  ctx: ServiceContext,
  projectId: string,
  build: (releasableCents: number) => ProjectCommand,
  w: WriteContext,
): Promise<Writes> => {
  const project = await ctx.projects.load(projectStream(projectId));
  if (E.isLeft(project)) return project;
  const { commitmentId, fundYear } = project.right.state;
  let releasableCents = 0;
  if (commitmentId !== null && fundYear !== null) {
    const fund = await ctx.funds.load(fundStream(fundYear));
    if (E.isLeft(fund)) return fund;
    const commitment = commitmentOf(fund.right.state, commitmentId);
    releasableCents = commitment === undefined ? 0 : commitment.amountCents - commitment.releasedCents;
  }
  const written = await ctx.projects.run(projectStream(projectId), () => E.right(build(releasableCents)), w);
  if (E.isLeft(written)) return written;
  const ended = written.right.events.find(
    (e) => e.type === "ProjectWithdrawn" || e.type === "ProjectApprovalRevoked",
  );
  const release =
    ended?.type === "ProjectWithdrawn" || ended?.type === "ProjectApprovalRevoked" ? ended.data : null;
  if (
    release === null ||
    release.releasedCents === 0 ||
    release.commitmentId === null ||
    release.fundYear === null
  )
    return E.right([written.right]);
  const released = await ctx.funds.run(
    fundStream(release.fundYear),
    () =>
      E.right({
        kind: "Release",
        year: release.fundYear as number,
        commitmentId: release.commitmentId as string,
        amountCents: release.releasedCents,
        reason: "project_cancelled",
      }),
    w,
  );
  return E.isLeft(released) ? released : E.right([written.right, released.right]);
};
