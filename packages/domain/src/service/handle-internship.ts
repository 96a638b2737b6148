import * as E from "fp-ts/lib/Either.js";
import type { Command } from "../commands/envelope.js";
import { candidateStream, fundStream } from "../streams.js";
import type { ServiceContext, WriteContext } from "./context.js";
import { commitFund, companyState, compensateCommitment, type Writes } from "./cross-stream.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

const MAX_RETRIES = 5;

/**
 * Decides the internship on the candidate, commits its allowance on the fund (which refuses an over-commitment),
 * then appends to the candidate at the revision it decided on. The commitment id is the command id, so a retry
 * finds its commitment instead of making a second one; if the candidate changed meanwhile and the internship is
 * no longer allowed, the commitment is released again.
 */
export const startInternship = async (
  ctx: ServiceContext,
  cmd: Of<"StartInternship">,
  w: WriteContext,
): Promise<Writes> => {
  const d = cmd.data;
  const stream = candidateStream(d.candidateId);
  const fundYear = Number(d.startDate.slice(0, 4));
  const commitmentId = cmd.commandId;
  let committed = false;
  for (let attempt = 0; ; attempt++) {
    const candidate = await ctx.candidates.load(stream, attempt > 0);
    if (E.isLeft(candidate)) return candidate;
    const proposal = candidate.right.state.proposals[d.proposalId];
    const company = proposal === undefined ? undefined : await companyState(ctx, proposal.companyId);
    if (company !== undefined && E.isLeft(company)) return company;
    const decided = ctx.candidates.decide(
      {
        kind: "StartInternship",
        internshipId: d.internshipId,
        proposalId: d.proposalId,
        startDate: d.startDate,
        plannedEndDate: d.plannedEndDate,
        committedCents: d.allowanceCents,
        commitmentId,
        fundYear,
        companyInBoard: company?.right.status === "in_board",
        hostRule: w.configuration.rules.hosts.internship,
      },
      candidate.right.state,
    );
    if (E.isLeft(decided)) {
      if (committed) await compensateCommitment(ctx, fundYear, commitmentId, d.allowanceCents, w);
      return decided;
    }
    const fund = await commitFund(
      ctx,
      {
        kind: "Commit",
        year: fundYear,
        commitmentId,
        source: d.source,
        purpose: "internship",
        amountCents: d.allowanceCents,
        candidateId: d.candidateId,
        internshipId: d.internshipId,
        projectId: null,
      },
      w,
    );
    if (E.isLeft(fund)) return fund;
    committed = true;
    const written = await ctx.candidates.append(stream, candidate.right, decided.right, w);
    if (E.isRight(written))
      return E.right(fund.right.events.length > 0 ? [fund.right, written.right] : [written.right]);
    if (written.left._tag === "WrongExpectedRevision" && attempt < MAX_RETRIES) continue;
    await compensateCommitment(ctx, fundYear, commitmentId, d.allowanceCents, w);
    return written;
  }
};

/** Ends the internship and releases the unused allowance; the release is checked before anything is written. */
export const endInternship = async (
  ctx: ServiceContext,
  cmd: Of<"EndInternship">,
  w: WriteContext,
): Promise<Writes> => {
  const d = cmd.data;
  const stream = candidateStream(d.candidateId);
  for (let attempt = 0; ; attempt++) {
    const candidate = await ctx.candidates.load(stream, attempt > 0);
    if (E.isLeft(candidate)) return candidate;
    const decided = ctx.candidates.decide(
      { kind: "EndInternship", internshipId: d.internshipId, reason: d.reason, unusedCents: d.unusedCents },
      candidate.right.state,
    );
    if (E.isLeft(decided)) return decided;
    const internship = candidate.right.state.internships[d.internshipId];
    if (internship === undefined) return E.right([]);
    const release = {
      kind: "Release" as const,
      year: internship.fundYear,
      commitmentId: internship.commitmentId,
      amountCents: d.unusedCents,
      reason: "internship_ended" as const,
    };
    if (d.unusedCents > 0) {
      const fund = await ctx.funds.load(fundStream(internship.fundYear));
      if (E.isLeft(fund)) return fund;
      const releasable = ctx.funds.decide(release, fund.right.state);
      if (E.isLeft(releasable)) return releasable;
    }
    const written = await ctx.candidates.append(stream, candidate.right, decided.right, w);
    if (E.isLeft(written)) {
      if (written.left._tag === "WrongExpectedRevision" && attempt < MAX_RETRIES) continue;
      return written;
    }
    if (d.unusedCents === 0) return E.right([written.right]);
    const released = await ctx.funds.run(fundStream(internship.fundYear), () => E.right(release), w);
    return E.isLeft(released) ? released : E.right([written.right, released.right]);
  }
};
