import { defineEvent } from "@insieme/kernel";
import { z } from "zod";
import {
  AgeBand,
  ApplicationChannel,
  Citizenship,
  EconomicCondition,
  EducationLevel,
  Gender,
  Referrer,
  UnemploymentDuration,
} from "../vocabulary/application.js";
import { AtecoSection, OccupationGroup } from "../vocabulary/company.js";
import { Cents } from "../vocabulary/fund.js";
import {
  EmpowermentActivityKind,
  EmpowermentActivityResult,
  InterviewOutcome,
  SkillLevel,
  TransversalSkill,
} from "../vocabulary/interview.js";
import {
  CaseCloseReason,
  ContractEndReason,
  ContractType,
  EmploymentStatus,
  FollowUpMilestone,
  InternshipEndReason,
  OfferRefusalReason,
  OpenStatus,
  PlacementOrder,
  RefusedBy,
  ReopenReason,
  WithdrawalReason,
} from "../vocabulary/placement.js";
import { ProjectKind } from "../vocabulary/project.js";
import {
  NotInTargetReason,
  RuleResult,
  ScreeningOutcome,
  SocialServicesResult,
} from "../vocabulary/screening.js";
import { Id, IsoDate, PersonKey, Residence, SealedData } from "./common.js";

/** The non-identifying profile the statistics count by. */
export const StatisticalProfile = z.object({
  birthYear: z.number().int().min(1900).max(2100),
  ageBand: AgeBand,
  gender: Gender,
  educationLevel: EducationLevel,
  citizenship: Citizenship,
  residence: Residence,
  unemploymentDuration: UnemploymentDuration,
  economicCondition: EconomicCondition,
});
export type StatisticalProfile = z.infer<typeof StatisticalProfile>;

export const CandidateApplied = defineEvent(
  "CandidateApplied",
  z.object({
    candidateId: Id,
    /** Date of the application (the date part of the event's occurredAt). */
    appliedOn: IsoDate,
    personId: Id,
    personKey: PersonKey,
    channel: ApplicationChannel,
    referrer: Referrer,
    profile: StatisticalProfile,
    /** Name, codice fiscale and contacts, sealed with the person's key. */
    personal: SealedData,
  }),
);

export const ItemScore = z.object({
  item: z.string().min(1).max(64),
  score: z.number().int().min(0).max(100),
});
export type ItemScore = z.infer<typeof ItemScore>;

/** Result of the L.R. 14/2015 profiling with the profile version in force on the screening date. */
export const ProfilingResult = z.object({
  profileId: z.string().min(1).max(64),
  profileVersion: z.number().int().min(1),
  scores: z.array(ItemScore),
  /** Per dimension, 0..1000 (per mille of the dimension's maximum). */
  dimensions: z.array(
    z.object({ dimension: z.string().min(1).max(64), indexPermille: z.number().int().min(0).max(1000) }),
  ),
  /** The "Indice di Fragilità": weighted mean of the dimension indices, 0..1000. */
  indexPermille: z.number().int().min(0).max(1000),
});
export type ProfilingResult = z.infer<typeof ProfilingResult>;

export const ScreeningRules = z.object({
  territory: RuleResult,
  unemployment: RuleResult,
  noOtherActiveMeasure: RuleResult,
});
export type ScreeningRules = z.infer<typeof ScreeningRules>;

export const CandidateScreened = defineEvent(
  "CandidateScreened",
  z.object({
    candidateId: Id,
    rules: ScreeningRules,
    /** null when a rule already excluded the applicant and no profiling interview was held. */
    profiling: ProfilingResult.nullable(),
    outcome: ScreeningOutcome,
    notInTargetReason: NotInTargetReason.nullable(),
  }),
);

export const SocialServicesCrossChecked = defineEvent(
  "SocialServicesCrossChecked",
  z.object({ candidateId: Id, result: SocialServicesResult }),
);

export const SkillAssessment = z.object({ skill: TransversalSkill, level: SkillLevel });

/** The "modello Insieme" CV: structured and non-identifying, the only thing a company sees of a candidate. */
export const CvModelloInsieme = z.object({
  educationLevel: EducationLevel,
  ageBand: AgeBand,
  languages: z.array(
    z.object({
      language: z.string().regex(/^[a-z]{2}$/, "expected an ISO 639-1 language code"),
      level: z.enum(["A1", "A2", "B1", "B2", "C1", "C2", "native"]),
    }),
  ),
  experiences: z.array(
    z.object({
      sector: AtecoSection,
      occupationGroup: OccupationGroup,
      years: z.number().int().min(0).max(60),
    }),
  ),
  skills: z.array(SkillAssessment),
  drivingLicence: z.boolean(),
  availability: z.object({
    fullTime: z.boolean(),
    partTime: z.boolean(),
    shifts: z.boolean(),
    weekends: z.boolean(),
  }),
  desiredSectors: z.array(AtecoSection),
});
export type CvModelloInsieme = z.infer<typeof CvModelloInsieme>;

export const FirstInterviewHeld = defineEvent(
  "FirstInterviewHeld",
  z.object({
    candidateId: Id,
    heldOn: IsoDate,
    outcome: InterviewOutcome,
    transversalSkills: z.array(SkillAssessment),
    /** Present for immediately placeable and empowerment-path outcomes. */
    cv: CvModelloInsieme.nullable(),
    /** Days between the application and this interview (by event dates). */
    daysFromApplication: z.number().int().min(0),
  }),
);

export const EmpowermentActivityStarted = defineEvent(
  "EmpowermentActivityStarted",
  z.object({ candidateId: Id, activityId: Id, kind: EmpowermentActivityKind }),
);

export const EmpowermentActivityEnded = defineEvent(
  "EmpowermentActivityEnded",
  z.object({
    candidateId: Id,
    activityId: Id,
    kind: EmpowermentActivityKind,
    result: EmpowermentActivityResult,
  }),
);

export const PlacementProposed = defineEvent(
  "PlacementProposed",
  z.object({ candidateId: Id, proposalId: Id, companyId: Id, opportunityId: Id.nullable() }),
);

export const OfferRefused = defineEvent(
  "OfferRefused",
  z.object({
    candidateId: Id,
    proposalId: Id,
    companyId: Id,
    refusedBy: RefusedBy,
    reason: OfferRefusalReason,
  }),
);

export const InternshipStarted = defineEvent(
  "InternshipStarted",
  z.object({
    candidateId: Id,
    internshipId: Id,
    companyId: Id,
    proposalId: Id,
    startDate: IsoDate,
    plannedEndDate: IsoDate,
    /** Amount committed on the fund for the internship's allowance. */
    committedCents: Cents,
    commitmentId: Id,
    fundYear: z.number().int(),
  }),
);

export const InternshipEnded = defineEvent(
  "InternshipEnded",
  z.object({
    candidateId: Id,
    internshipId: Id,
    companyId: Id,
    reason: InternshipEndReason,
    /** Part of the commitment not spent, released back to the fund. */
    unusedCents: Cents,
  }),
);

export const CandidateHired = defineEvent(
  "CandidateHired",
  z.object({
    candidateId: Id,
    companyId: Id,
    hiredOn: IsoDate,
    proposalId: Id.nullable(),
    internshipId: Id.nullable(),
    contractType: ContractType,
    placementOrder: PlacementOrder,
    /** Days from the first interview to this hiring (by event dates). */
    daysFromFirstInterview: z.number().int().min(0),
  }),
);

/** The candidate follows a self-employment or social project of the project stream. */
export const ProjectPathLinked = defineEvent(
  "ProjectPathLinked",
  z.object({ candidateId: Id, projectId: Id, kind: ProjectKind }),
);

/** A free-text note, sealed with the person's key. */
export const CaseNoteRecorded = defineEvent(
  "CaseNoteRecorded",
  z.object({ candidateId: Id, noteId: Id, note: SealedData }),
);

export const CaseClosed = defineEvent("CaseClosed", z.object({ candidateId: Id, reason: CaseCloseReason }));

/**
 * A closed case is re-opened (within the configuration's `reopening.reopenWithinDays` of its closing): the same
 * case and application resume at the status they were closed from; the closing it undoes is named.
 */
export const CaseReopened = defineEvent(
  "CaseReopened",
  z.object({
    candidateId: Id,
    reason: ReopenReason,
    closedOn: IsoDate,
    closedReason: CaseCloseReason,
    reopenedOn: IsoDate,
    resumedStatus: OpenStatus,
  }),
);

/**
 * The person withdrew before their first interview (applied or screened in target, no interview held yet).
 * Ends the case like a withdrawal at the interview, but is not an interview.
 */
export const CandidateWithdrew = defineEvent(
  "CandidateWithdrew",
  z.object({ candidateId: Id, withdrawnOn: IsoDate, reason: WithdrawalReason }),
);

/**
 * A contract of a hiring the programme recorded ended. The hiring is the candidate's latest one by `companyId`
 * still running; `hiredOn` names it.
 */
export const ContractEnded = defineEvent(
  "ContractEnded",
  z.object({
    candidateId: Id,
    companyId: Id,
    hiredOn: IsoDate,
    endedOn: IsoDate,
    reason: ContractEndReason,
    /** Days from the hiring to the end of the contract. */
    daysEmployed: z.number().int().min(0),
  }),
);

/**
 * A follow-up contact after a hiring ("accompagnamento nel tempo"): the 6- and 12-month checks (`milestone`
 * `month_6`, `month_12`) or another contact, with the employment status found. The hiring is named by
 * `companyId` and `hiredOn`.
 */
export const PlacementFollowUpRecorded = defineEvent(
  "PlacementFollowUpRecorded",
  z.object({
    candidateId: Id,
    companyId: Id,
    hiredOn: IsoDate,
    contactedOn: IsoDate,
    milestone: FollowUpMilestone,
    employmentStatus: EmploymentStatus,
  }),
);

export const candidateEvents = [
  CandidateApplied,
  CandidateScreened,
  SocialServicesCrossChecked,
  FirstInterviewHeld,
  EmpowermentActivityStarted,
  EmpowermentActivityEnded,
  PlacementProposed,
  OfferRefused,
  InternshipStarted,
  InternshipEnded,
  CandidateHired,
  ProjectPathLinked,
  CaseNoteRecorded,
  CaseClosed,
  CaseReopened,
  CandidateWithdrew,
  ContractEnded,
  PlacementFollowUpRecorded,
] as const;
