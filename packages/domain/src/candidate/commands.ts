import type { ConfigurationVersion, HostRule } from "../configuration/schema.js";
import type { CvModelloInsieme, ItemScore } from "../events/candidate-events.js";
import type { Residence, SealedData } from "../events/common.js";
import type { FragilityProfile } from "../fragility/profile.js";
import type {
  ApplicationChannel,
  Citizenship,
  EconomicCondition,
  EducationLevel,
  Gender,
  Referrer,
  UnemploymentDuration,
} from "../vocabulary/application.js";
import type {
  EmpowermentActivityKind,
  EmpowermentActivityResult,
  InterviewOutcome,
  TransversalSkill,
} from "../vocabulary/interview.js";
import type {
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
import type { ProjectKind } from "../vocabulary/project.js";
import type { SocialServicesResult } from "../vocabulary/screening.js";

/**
 * What the candidate decider decides on. The application service fills in what other streams know
 * (is the company in the Board? which profile version is in force?) so that deciding stays pure.
 */
export type CandidateCommand =
  | {
      readonly kind: "Apply";
      readonly candidateId: string;
      readonly appliedOn: string;
      readonly personId: string;
      readonly personKey: string;
      readonly channel: ApplicationChannel;
      readonly referrer: Referrer;
      readonly birthYear: number;
      readonly gender: Gender;
      readonly educationLevel: EducationLevel;
      readonly citizenship: Citizenship;
      readonly residence: Residence;
      readonly unemploymentDuration: UnemploymentDuration;
      readonly economicCondition: EconomicCondition;
      readonly personal: SealedData;
      readonly rules: Pick<ConfigurationVersion, "onlineForm" | "eligibility" | "territory">;
    }
  | {
      readonly kind: "Screen";
      readonly inOtherActiveMeasure: boolean;
      readonly scores: readonly ItemScore[] | null;
      /** The profile version in force on the screening date. */
      readonly profile: FragilityProfile;
      readonly rules: Pick<ConfigurationVersion, "eligibility" | "territory">;
    }
  | {
      readonly kind: "CrossCheckSocialServices";
      readonly result: SocialServicesResult;
      /** The comuni whose residents are cross-checked (configuration `eligibility.socialServicesCrossCheck`). */
      readonly crossCheckMunicipalities: readonly string[];
    }
  | {
      readonly kind: "HoldFirstInterview";
      readonly heldOn: string;
      readonly outcome: InterviewOutcome;
      readonly transversalSkills: readonly { readonly skill: TransversalSkill; readonly level: number }[];
      /** The CV without what the case already knows (education, age band). */
      readonly cv: Omit<CvModelloInsieme, "educationLevel" | "ageBand" | "skills"> | null;
    }
  | {
      readonly kind: "StartEmpowermentActivity";
      readonly activityId: string;
      readonly activity: EmpowermentActivityKind;
    }
  | {
      readonly kind: "EndEmpowermentActivity";
      readonly activityId: string;
      readonly result: EmpowermentActivityResult;
    }
  | {
      readonly kind: "ProposePlacement";
      readonly proposalId: string;
      readonly companyId: string;
      readonly opportunityId: string | null;
      readonly companyInBoard: boolean;
      /** Who may host the placement: the stricter of the configuration's internship and hiring rules' union. */
      readonly hostRule: HostRule;
      /** Whether the company offered `opportunityId` (true when no opportunity is named). */
      readonly opportunityOffered: boolean;
    }
  | {
      readonly kind: "RefuseOffer";
      readonly proposalId: string;
      readonly refusedBy: RefusedBy;
      readonly reason: OfferRefusalReason;
    }
  | {
      readonly kind: "StartInternship";
      readonly internshipId: string;
      readonly proposalId: string;
      readonly startDate: string;
      readonly plannedEndDate: string;
      readonly committedCents: number;
      readonly commitmentId: string;
      readonly fundYear: number;
      readonly companyInBoard: boolean;
      readonly hostRule: HostRule;
    }
  | {
      readonly kind: "EndInternship";
      readonly internshipId: string;
      readonly reason: InternshipEndReason;
      readonly unusedCents: number;
    }
  | {
      readonly kind: "Hire";
      readonly companyId: string;
      readonly hiredOn: string;
      readonly proposalId: string | null;
      readonly internshipId: string | null;
      readonly contractType: ContractType;
      readonly companyInBoard: boolean;
      readonly hostRule: HostRule;
      /** Hirings recorded in the person's earlier cases (placement order is per person); default 0. */
      readonly earlierHires?: number;
    }
  | { readonly kind: "LinkProject"; readonly projectId: string; readonly projectKind: ProjectKind | null }
  | { readonly kind: "RecordNote"; readonly noteId: string; readonly note: SealedData }
  | { readonly kind: "CloseCase"; readonly reason: CaseCloseReason }
  | {
      readonly kind: "Reopen";
      readonly reason: ReopenReason;
      /** The day of the closing being undone (the latest `CaseClosed`'s date), null if none was found. */
      readonly closedOn: string | null;
      readonly reopenedOn: string;
      /** The configuration's `reopening.reopenWithinDays` in force on `reopenedOn`. */
      readonly withinDays: number;
    }
  | { readonly kind: "Withdraw"; readonly withdrawnOn: string; readonly reason: WithdrawalReason }
  | {
      readonly kind: "EndContract";
      readonly companyId: string;
      readonly endedOn: string;
      readonly reason: ContractEndReason;
    }
  | {
      readonly kind: "RecordFollowUp";
      readonly companyId: string;
      readonly contactedOn: string;
      readonly milestone: FollowUpMilestone;
      readonly employmentStatus: EmploymentStatus;
    };
