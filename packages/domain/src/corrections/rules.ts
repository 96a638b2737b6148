import { z } from "zod";
import { ageBandOf } from "../candidate/application.js";
import { IstatCode, Residence } from "../events/common.js";
import {
  ApplicationChannel,
  Citizenship,
  EconomicCondition,
  EducationLevel,
  Gender,
  Referrer,
  UnemploymentDuration,
} from "../vocabulary/application.js";
import { AtecoSection, BoardChannel, CompanySize } from "../vocabulary/company.js";
import { Cents } from "../vocabulary/fund.js";
import { EmpowermentActivityResult, InterviewOutcome } from "../vocabulary/interview.js";
import {
  CaseCloseReason,
  ContractEndReason,
  ContractType,
  EmploymentStatus,
  InternshipEndReason,
  OfferRefusalReason,
  RefusedBy,
  WithdrawalReason,
} from "../vocabulary/placement.js";
import {
  ApprovalRevocationReason,
  ProjectNotEligibleReason,
  ProjectWithdrawalReason,
} from "../vocabulary/project.js";
import type { Role } from "../vocabulary/roles.js";
import { NotInTargetReason, ScreeningOutcome, SocialServicesResult } from "../vocabulary/screening.js";

/** What may be corrected of one type of event, and by whom. */
export interface CorrectionRule {
  /** Roles that may correct (amend or void) this type of event. */
  readonly roles: readonly Role[];
  /** The fields an amendment may change, with the schema of their values (empty: the event is not amended). */
  readonly fields: Readonly<Record<string, z.ZodType>>;
  /** Whether the event may be voided (declared never to have happened). */
  readonly voidable: boolean;
  /** Where a field sits in the event's data when it is not at the top (e.g. the application's profile). */
  readonly nested?: { readonly key: string; readonly fields: readonly string[] };
  /** Fields derived from the amended ones (e.g. the age band from the birth year). */
  readonly derive?: (data: Record<string, unknown>) => Record<string, unknown>;
}

const caseWork: readonly Role[] = ["operator", "technical_referent"];
const referent: readonly Role[] = ["technical_referent"];

const PROFILE = [
  "birthYear",
  "gender",
  "educationLevel",
  "citizenship",
  "residence",
  "unemploymentDuration",
  "economicCondition",
];

/**
 * The role table of corrections: every type of event an operator records, what an amendment may change and who
 * may correct it. Events not listed (person streams, fund commitments and releases, which follow the internships
 * and grants that made them) are not corrected: their own commands (`ReleaseCommitment`, `EndInternship`, ...)
 * give them back. Amounts that move money (an internship's allowance, a grant) are not amended either. Decisions on
 * projects and the fund are a technical referent's.
 */
export const CORRECTIONS: Readonly<Record<string, CorrectionRule>> = {
  CandidateApplied: {
    roles: caseWork,
    voidable: false,
    fields: {
      channel: ApplicationChannel,
      referrer: Referrer,
      birthYear: z.number().int().min(1900).max(2100),
      gender: Gender,
      educationLevel: EducationLevel,
      citizenship: Citizenship,
      residence: Residence,
      unemploymentDuration: UnemploymentDuration,
      economicCondition: EconomicCondition,
    },
    nested: { key: "profile", fields: PROFILE },
    derive: (data) => {
      const profile = data.profile as Record<string, unknown>;
      const age = Number(String(data.appliedOn).slice(0, 4)) - Number(profile.birthYear);
      return { ...data, profile: { ...profile, ageBand: ageBandOf(age) } };
    },
  },
  CandidateScreened: {
    roles: caseWork,
    voidable: true,
    fields: { outcome: ScreeningOutcome, notInTargetReason: NotInTargetReason.nullable() },
  },
  SocialServicesCrossChecked: { roles: caseWork, voidable: true, fields: { result: SocialServicesResult } },
  FirstInterviewHeld: { roles: caseWork, voidable: true, fields: { outcome: InterviewOutcome } },
  CandidateWithdrew: { roles: caseWork, voidable: true, fields: { reason: WithdrawalReason } },
  EmpowermentActivityStarted: { roles: caseWork, voidable: true, fields: {} },
  EmpowermentActivityEnded: {
    roles: caseWork,
    voidable: true,
    fields: { result: EmpowermentActivityResult },
  },
  PlacementProposed: { roles: caseWork, voidable: true, fields: {} },
  OfferRefused: {
    roles: caseWork,
    voidable: true,
    fields: { refusedBy: RefusedBy, reason: OfferRefusalReason },
  },
  InternshipEnded: { roles: caseWork, voidable: false, fields: { reason: InternshipEndReason } },
  CandidateHired: { roles: caseWork, voidable: false, fields: { contractType: ContractType } },
  ProjectPathLinked: { roles: caseWork, voidable: true, fields: {} },
  CaseNoteRecorded: { roles: caseWork, voidable: true, fields: {} },
  CaseClosed: { roles: caseWork, voidable: true, fields: { reason: CaseCloseReason } },
  ContractEnded: { roles: caseWork, voidable: true, fields: { reason: ContractEndReason } },
  PlacementFollowUpRecorded: {
    roles: caseWork,
    voidable: true,
    fields: { employmentStatus: EmploymentStatus },
  },
  CompanyJoinedBoard: {
    roles: caseWork,
    voidable: false,
    fields: {
      name: z.string().min(1).max(200),
      channel: BoardChannel,
      size: CompanySize,
      sector: AtecoSection,
      municipalityIstat: IstatCode,
    },
  },
  CompanyNeedsDeclared: { roles: caseWork, voidable: true, fields: {} },
  OpportunityOffered: { roles: caseWork, voidable: true, fields: {} },
  CompanyLeftBoard: { roles: caseWork, voidable: true, fields: {} },
  ProjectSubmitted: { roles: caseWork, voidable: false, fields: {} },
  ProjectFoundNotEligible: { roles: referent, voidable: false, fields: { reason: ProjectNotEligibleReason } },
  ProjectJobsCreated: {
    roles: caseWork,
    voidable: true,
    fields: { jobs: z.number().int().min(1).max(10_000) },
  },
  ProjectWithdrawn: { roles: caseWork, voidable: false, fields: { reason: ProjectWithdrawalReason } },
  ProjectApprovalRevoked: { roles: referent, voidable: false, fields: { reason: ApprovalRevocationReason } },
  FundBudgetAllocated: { roles: referent, voidable: false, fields: { amountCents: Cents } },
};

/** The corrected data of an event: `patch` applied where each field sits, derived fields recomputed. */
export const amendedData = (
  rule: CorrectionRule,
  data: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  let out: Record<string, unknown> = { ...data };
  for (const [field, value] of Object.entries(patch)) {
    if (rule.nested?.fields.includes(field) === true) {
      const key = rule.nested.key;
      out = { ...out, [key]: { ...(out[key] as Record<string, unknown>), [field]: value } };
    } else out[field] = value;
  }
  return rule.derive === undefined ? out : rule.derive(out);
};
