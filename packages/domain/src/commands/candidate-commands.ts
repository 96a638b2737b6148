import { z } from "zod";
import { CvModelloInsieme, ItemScore, SkillAssessment } from "../events/candidate-events.js";
import { Id, Residence } from "../events/common.js";
import { PersonalData } from "../personal-data/personal-data.js";
import {
  ApplicationChannel,
  Citizenship,
  EconomicCondition,
  EducationLevel,
  Gender,
  Referrer,
  UnemploymentDuration,
} from "../vocabulary/application.js";
import { Cents, FundSource } from "../vocabulary/fund.js";
import {
  EmpowermentActivityKind,
  EmpowermentActivityResult,
  InterviewOutcome,
} from "../vocabulary/interview.js";
import {
  CaseCloseReason,
  ContractEndReason,
  ContractType,
  EmploymentStatus,
  FollowUpMilestone,
  InternshipEndReason,
  OfferRefusalReason,
  RefusedBy,
  ReopenReason,
  WithdrawalReason,
} from "../vocabulary/placement.js";
import { SocialServicesResult } from "../vocabulary/screening.js";

export const SubmitApplication = z.strictObject({
  candidateId: Id,
  channel: ApplicationChannel,
  referrer: Referrer,
  birthYear: z.number().int().min(1900).max(2100),
  gender: Gender,
  educationLevel: EducationLevel,
  citizenship: Citizenship,
  residence: Residence,
  unemploymentDuration: UnemploymentDuration,
  economicCondition: EconomicCondition,
  /** Identifying data: sealed with the person's key before anything is stored. */
  personal: PersonalData,
});

export const ScreenCandidate = z.strictObject({
  candidateId: Id,
  inOtherActiveMeasure: z.boolean(),
  /** Item scores of the L.R. 14/2015 profiling interview; null when a rule already excludes the applicant. */
  scores: z.array(ItemScore).max(200).nullable(),
});

export const RecordSocialServicesCheck = z.strictObject({ candidateId: Id, result: SocialServicesResult });

export const RecordFirstInterview = z.strictObject({
  candidateId: Id,
  outcome: InterviewOutcome,
  transversalSkills: z.array(SkillAssessment).max(50),
  /** The "modello Insieme" CV; education, age band and skills are filled in from the case. */
  cv: CvModelloInsieme.omit({ educationLevel: true, ageBand: true, skills: true }).strict().nullable(),
});

export const StartEmpowermentActivity = z.strictObject({
  candidateId: Id,
  activityId: Id,
  kind: EmpowermentActivityKind,
});

export const EndEmpowermentActivity = z.strictObject({
  candidateId: Id,
  activityId: Id,
  result: EmpowermentActivityResult,
});

export const ProposePlacement = z.strictObject({
  candidateId: Id,
  proposalId: Id,
  companyId: Id,
  opportunityId: Id.nullable(),
});

export const RecordOfferRefusal = z.strictObject({
  candidateId: Id,
  proposalId: Id,
  refusedBy: RefusedBy,
  reason: OfferRefusalReason,
});

export const StartInternship = z.strictObject({
  candidateId: Id,
  internshipId: Id,
  proposalId: Id,
  startDate: z.iso.date(),
  plannedEndDate: z.iso.date(),
  /** The whole allowance, committed on the fund of the start date's year. */
  allowanceCents: Cents,
  source: FundSource,
});

export const EndInternship = z.strictObject({
  candidateId: Id,
  internshipId: Id,
  reason: InternshipEndReason,
  /** Allowance not paid out, released back to the fund. */
  unusedCents: Cents,
});

export const RecordHiring = z.strictObject({
  candidateId: Id,
  companyId: Id,
  proposalId: Id.nullable(),
  internshipId: Id.nullable(),
  contractType: ContractType,
});

export const LinkProject = z.strictObject({ candidateId: Id, projectId: Id });

export const RecordCaseNote = z.strictObject({
  candidateId: Id,
  noteId: Id,
  /** Free text: sealed with the person's key, never stored in clear. */
  text: z.string().min(1).max(5000),
});

export const CloseCase = z.strictObject({ candidateId: Id, reason: CaseCloseReason });

/** A closed case is re-opened, with its reason (on the `occurredAt` date, within the configured period). */
export const ReopenCase = z.strictObject({ candidateId: Id, reason: ReopenReason });

/** The person withdraws before the first interview (the date is the command's `occurredAt`). */
export const RecordWithdrawal = z.strictObject({ candidateId: Id, reason: WithdrawalReason });

/** The contract of the candidate's latest running hiring by `companyId` ends (on the `occurredAt` date). */
export const RecordContractEnd = z.strictObject({
  candidateId: Id,
  companyId: Id,
  reason: ContractEndReason,
});

/** A follow-up contact about the candidate's latest hiring by `companyId` (on the `occurredAt` date). */
export const RecordFollowUp = z.strictObject({
  candidateId: Id,
  companyId: Id,
  milestone: FollowUpMilestone,
  employmentStatus: EmploymentStatus,
});
