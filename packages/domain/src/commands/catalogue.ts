import type { z } from "zod";
import type { Role } from "../vocabulary/roles.js";
import * as candidate from "./candidate-commands.js";
import * as company from "./company-commands.js";
import * as correction from "./correction-commands.js";
import * as projectFund from "./project-fund-commands.js";

interface CommandSpec {
  readonly data: z.ZodType;
  /** Roles that may send the command (companies only for their own company). */
  readonly roles: readonly Role[];
  readonly description: string;
}

const caseWork: readonly Role[] = ["operator", "technical_referent"];
const referent: readonly Role[] = ["technical_referent"];
const companyWork: readonly Role[] = ["operator", "technical_referent", "company"];

/** Every command a host can send: its data schema, who may send it, and what it does. */
export const COMMANDS = {
  SubmitApplication: {
    data: candidate.SubmitApplication,
    roles: caseWork,
    description: "A person applies (candidatura).",
  },
  ScreenCandidate: {
    data: candidate.ScreenCandidate,
    roles: caseWork,
    description: "Territory and unemployment rules, then the L.R. 14/2015 profiling.",
  },
  RecordSocialServicesCheck: {
    data: candidate.RecordSocialServicesCheck,
    roles: caseWork,
    description: "Cross-check of a Bologna resident in target with the social services.",
  },
  RecordFirstInterview: {
    data: candidate.RecordFirstInterview,
    roles: caseWork,
    description: "First interview (primo colloquio): skills, CV modello Insieme, outcome.",
  },
  StartEmpowermentActivity: {
    data: candidate.StartEmpowermentActivity,
    roles: caseWork,
    description: "An empowerment activity starts.",
  },
  EndEmpowermentActivity: {
    data: candidate.EndEmpowermentActivity,
    roles: caseWork,
    description: "An empowerment activity ends.",
  },
  ProposePlacement: {
    data: candidate.ProposePlacement,
    roles: caseWork,
    description:
      "The candidate is proposed to a company (in the Board, or outside it where the rules allow).",
  },
  RecordOfferRefusal: {
    data: candidate.RecordOfferRefusal,
    roles: caseWork,
    description: "A proposal is refused, with the reason.",
  },
  StartInternship: {
    data: candidate.StartInternship,
    roles: caseWork,
    description: "A tirocinio starts from a proposal; its allowance is committed on the fund.",
  },
  EndInternship: {
    data: candidate.EndInternship,
    roles: caseWork,
    description: "The tirocinio ends; unused allowance is released.",
  },
  RecordHiring: {
    data: candidate.RecordHiring,
    roles: caseWork,
    description: "A company hires the candidate (in the Board, or outside it where the rules allow).",
  },
  LinkProject: {
    data: candidate.LinkProject,
    roles: caseWork,
    description: "The candidate follows a self-employment or social project.",
  },
  RecordCaseNote: {
    data: candidate.RecordCaseNote,
    roles: caseWork,
    description: "A free-text note, sealed with the person's key.",
  },
  CloseCase: {
    data: candidate.CloseCase,
    roles: caseWork,
    description: "The case closes (autonomy, dropped out, moved, other).",
  },
  ReopenCase: {
    data: candidate.ReopenCase,
    roles: caseWork,
    description:
      "A closed case is re-opened, within the configuration's reopening.reopenWithinDays of its closing.",
  },
  RecordWithdrawal: {
    data: candidate.RecordWithdrawal,
    roles: caseWork,
    description: "The person withdraws before the first interview.",
  },
  RecordContractEnd: {
    data: candidate.RecordContractEnd,
    roles: caseWork,
    description: "The contract of a recorded hiring ends, with its reason.",
  },
  RecordFollowUp: {
    data: candidate.RecordFollowUp,
    roles: caseWork,
    description:
      "A follow-up contact after a hiring (6 and 12 months, or another), with the employment status.",
  },
  JoinBoard: {
    data: company.JoinBoard,
    roles: caseWork,
    description: "A company joins the Board di imprese.",
  },
  DeclareCompanyNeeds: {
    data: company.DeclareCompanyNeeds,
    roles: companyWork,
    description: "A company declares hiring/training needs.",
  },
  OfferOpportunity: {
    data: company.OfferOpportunity,
    roles: companyWork,
    description: "A company offers an internship or a job.",
  },
  LeaveBoard: { data: company.LeaveBoard, roles: caseWork, description: "A company leaves the Board." },
  SubmitProject: {
    data: projectFund.SubmitProject,
    roles: caseWork,
    description: "A self-employment or social project is submitted.",
  },
  StartProjectEvaluation: {
    data: projectFund.StartProjectEvaluation,
    roles: referent,
    description: "A waiting project goes under evaluation.",
  },
  RejectProject: {
    data: projectFund.RejectProject,
    roles: referent,
    description: "A project under evaluation is found not eligible.",
  },
  ApproveProject: {
    data: projectFund.ApproveProject,
    roles: referent,
    description: "A project under evaluation is approved and funded; the grant is committed on the fund.",
  },
  RecordProjectJobs: {
    data: projectFund.RecordProjectJobs,
    roles: caseWork,
    description: "Jobs created by an approved project.",
  },
  WithdrawProject: {
    data: projectFund.WithdrawProject,
    roles: caseWork,
    description: "The promoter withdraws the project; a committed grant goes back to the fund.",
  },
  RevokeProjectApproval: {
    data: projectFund.RevokeProjectApproval,
    roles: referent,
    description: "An approval is revoked; the committed grant goes back to the fund.",
  },
  AllocateBudget: {
    data: projectFund.AllocateBudget,
    roles: referent,
    description: "A source's budget for a year.",
  },
  CorrectFact: {
    data: correction.CorrectFact,
    roles: caseWork,
    description:
      "Corrects (amends) or voids a recorded fact named by stream and event id or revision; who may correct what is in the correction rules.",
  },
  ReleaseCommitment: {
    data: projectFund.ReleaseCommitment,
    roles: referent,
    description: "Part of a commitment goes back to the fund.",
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandType = keyof typeof COMMANDS;
export const COMMAND_TYPES = Object.keys(COMMANDS) as CommandType[];

/** The data of command `T` as the host sends it (before defaults and transforms). */
export type CommandInput<T extends CommandType> = z.input<(typeof COMMANDS)[T]["data"]>;
/** The data of command `T` after validation. */
export type CommandData<T extends CommandType> = z.output<(typeof COMMANDS)[T]["data"]>;
