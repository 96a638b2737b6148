import type { Either } from "fp-ts/lib/Either.js";
import type { Command } from "../commands/envelope.js";
import { candidateStream, companyStream, fundStream, projectStream } from "../streams.js";
import type { ServiceContext, WriteContext } from "./context.js";
import type { Writes } from "./cross-stream.js";
import type { InsiemeError } from "./errors.js";
import {
  closeCase,
  linkProject,
  proposePlacement,
  recordCaseNote,
  recordContractEnd,
  recordFirstInterview,
  recordFollowUp,
  recordHiring,
  recordWithdrawal,
  screenCandidate,
  simpleCandidateCommand,
  submitApplication,
} from "./handle-candidate.js";
import { correctFact } from "./handle-correction.js";
import { endInternship, startInternship } from "./handle-internship.js";
import {
  approveProject,
  companyCommand,
  fundCommand,
  projectCommand,
  releasingProjectCommand,
  submitProject,
} from "./handle-organisations.js";
import { reopenCase } from "./handle-reopen.js";

/** The stream a command is addressed to: where a repeated command id is looked for. */
export const primaryStream = (cmd: Command): string => {
  switch (cmd.type) {
    case "JoinBoard":
    case "DeclareCompanyNeeds":
    case "OfferOpportunity":
    case "LeaveBoard":
      return companyStream(cmd.data.companyId);
    case "SubmitProject":
    case "StartProjectEvaluation":
    case "RejectProject":
    case "ApproveProject":
    case "RecordProjectJobs":
    case "WithdrawProject":
    case "RevokeProjectApproval":
      return projectStream(cmd.data.projectId);
    case "AllocateBudget":
    case "ReleaseCommitment":
      return fundStream(cmd.data.year);
    case "CorrectFact":
      return cmd.data.stream;
    default:
      return candidateStream(cmd.data.candidateId);
  }
};

/** Routes a command to its handler; a correction's own checks may find it invalid (`InvalidCommand`). */
export const route = (
  ctx: ServiceContext,
  cmd: Command,
  w: WriteContext,
): Promise<Writes | Either<InsiemeError, never>> => {
  switch (cmd.type) {
    case "SubmitApplication":
      return submitApplication(ctx, cmd, w);
    case "ScreenCandidate":
      return screenCandidate(ctx, cmd, w);
    case "RecordSocialServicesCheck":
      return simpleCandidateCommand(
        ctx,
        cmd.data.candidateId,
        {
          kind: "CrossCheckSocialServices",
          result: cmd.data.result,
          crossCheckMunicipalities: w.configuration.rules.eligibility.socialServicesCrossCheck,
        },
        w,
      );
    case "RecordFirstInterview":
      return recordFirstInterview(ctx, cmd, w);
    case "StartEmpowermentActivity":
      return simpleCandidateCommand(
        ctx,
        cmd.data.candidateId,
        { kind: "StartEmpowermentActivity", activityId: cmd.data.activityId, activity: cmd.data.kind },
        w,
      );
    case "EndEmpowermentActivity":
      return simpleCandidateCommand(
        ctx,
        cmd.data.candidateId,
        { kind: "EndEmpowermentActivity", activityId: cmd.data.activityId, result: cmd.data.result },
        w,
      );
    case "ProposePlacement":
      return proposePlacement(ctx, cmd, w);
    case "RecordOfferRefusal":
      return simpleCandidateCommand(
        ctx,
        cmd.data.candidateId,
        {
          kind: "RefuseOffer",
          proposalId: cmd.data.proposalId,
          refusedBy: cmd.data.refusedBy,
          reason: cmd.data.reason,
        },
        w,
      );
    case "StartInternship":
      return startInternship(ctx, cmd, w);
    case "EndInternship":
      return endInternship(ctx, cmd, w);
    case "RecordHiring":
      return recordHiring(ctx, cmd, w);
    case "LinkProject":
      return linkProject(ctx, cmd, w);
    case "RecordCaseNote":
      return recordCaseNote(ctx, cmd, w);
    case "CloseCase":
      return closeCase(ctx, cmd, w);
    case "ReopenCase":
      return reopenCase(ctx, cmd, w);
    case "RecordWithdrawal":
      return recordWithdrawal(ctx, cmd, w);
    case "RecordContractEnd":
      return recordContractEnd(ctx, cmd, w);
    case "RecordFollowUp":
      return recordFollowUp(ctx, cmd, w);
    case "JoinBoard":
      return companyCommand(ctx, cmd.data.companyId, { kind: "JoinBoard", ...cmd.data }, w);
    case "DeclareCompanyNeeds":
      return companyCommand(
        ctx,
        cmd.data.companyId,
        {
          kind: "DeclareNeeds",
          needId: cmd.data.needId,
          profiles: cmd.data.profiles,
          trainingRequested: cmd.data.trainingRequested,
        },
        w,
      );
    case "OfferOpportunity":
      return companyCommand(
        ctx,
        cmd.data.companyId,
        {
          kind: "OfferOpportunity",
          opportunityId: cmd.data.opportunityId,
          opportunity: cmd.data.kind,
          occupationGroup: cmd.data.occupationGroup,
          positions: cmd.data.positions,
          contractType: cmd.data.contractType,
        },
        w,
      );
    case "LeaveBoard":
      return companyCommand(ctx, cmd.data.companyId, { kind: "LeaveBoard", reason: cmd.data.reason }, w);
    case "SubmitProject":
      return submitProject(ctx, cmd, w);
    case "StartProjectEvaluation":
      return projectCommand(ctx, cmd.data.projectId, { kind: "StartEvaluation" }, w);
    case "RejectProject":
      return projectCommand(ctx, cmd.data.projectId, { kind: "FindNotEligible", reason: cmd.data.reason }, w);
    case "ApproveProject":
      return approveProject(ctx, cmd, w);
    case "RecordProjectJobs":
      return projectCommand(ctx, cmd.data.projectId, { kind: "RecordJobs", jobs: cmd.data.jobs }, w);
    case "WithdrawProject":
      return releasingProjectCommand(
        ctx,
        cmd.data.projectId,
        (releasableCents) => ({ kind: "Withdraw", reason: cmd.data.reason, releasableCents }),
        w,
      );
    case "RevokeProjectApproval":
      return releasingProjectCommand(
        ctx,
        cmd.data.projectId,
        (releasableCents) => ({ kind: "RevokeApproval", reason: cmd.data.reason, releasableCents }),
        w,
      );
    case "AllocateBudget":
      return fundCommand(
        ctx,
        {
          kind: "AllocateBudget",
          ...cmd.data,
          knownSources: w.configuration.rules.fundSources.map((f) => f.id),
        },
        w,
      );
    case "ReleaseCommitment":
      return fundCommand(ctx, { kind: "Release", ...cmd.data }, w);
    case "CorrectFact":
      return correctFact(ctx, cmd, w);
  }
};
