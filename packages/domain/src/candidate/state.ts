import type { CvModelloInsieme, StatisticalProfile } from "../events/candidate-events.js";
import type { SealedData } from "../events/common.js";
import type { ApplicationChannel, Referrer } from "../vocabulary/application.js";
import type { EmpowermentActivityKind, InterviewOutcome } from "../vocabulary/interview.js";
import type {
  CaseCloseReason,
  ContractType,
  FollowUpMilestone,
  OpenStatus,
  WithdrawalReason,
} from "../vocabulary/placement.js";
import type { ProjectKind } from "../vocabulary/project.js";
import type { NotInTargetReason, ScreeningOutcome, SocialServicesResult } from "../vocabulary/screening.js";

/**
 * Where a candidate is on the path; exactly one at any time. `out_of_target`, `exited` and `closed` end the case:
 * - applied: application received, not screened yet;
 * - in_target: screened in target, first interview not held yet (a no-show keeps the candidate here);
 * - out_of_target: screened not in target or with fragility conclamata (referred to L.R. 14/2015 services);
 * - active: first interview held, immediately placeable or on an empowerment path: paths may start;
 * - exited: first interview ended with a referral elsewhere or a withdrawal, or the person withdrew before it;
 * - closed: the case was closed (autonomy, dropped out, moved, other).
 */
export type CandidateStatus =
  | "none"
  | "applied"
  | "in_target"
  | "out_of_target"
  | "active"
  | "exited"
  | "closed";

export type ProposalStatus = "open" | "refused" | "internship" | "hired";

export interface Proposal {
  readonly companyId: string;
  readonly opportunityId: string | null;
  readonly status: ProposalStatus;
}

export interface Internship {
  readonly companyId: string;
  readonly proposalId: string;
  readonly commitmentId: string;
  readonly fundYear: number;
  readonly committedCents: number;
  readonly active: boolean;
}

/** A hiring the programme recorded, and what is known of it afterwards. */
export interface Hire {
  readonly companyId: string;
  readonly hiredOn: string;
  readonly contractType: ContractType;
  /** The day the contract ended (`ContractEnded`), null while it runs or nothing was recorded. */
  readonly endedOn: string | null;
  /** The 6- and 12-month follow-ups recorded (a milestone is recorded once). */
  readonly milestones: readonly FollowUpMilestone[];
}

export interface CandidateState {
  readonly status: CandidateStatus;
  readonly candidateId: string | null;
  readonly personId: string | null;
  readonly personKey: string | null;
  readonly appliedOn: string | null;
  readonly channel: ApplicationChannel | null;
  readonly referrer: Referrer | null;
  readonly profile: StatisticalProfile | null;
  readonly personal: SealedData | null;
  readonly screening: {
    readonly outcome: ScreeningOutcome;
    readonly notInTargetReason: NotInTargetReason | null;
    readonly profileId: string | null;
    readonly profileVersion: number | null;
    readonly indexPermille: number | null;
  } | null;
  readonly socialServices: SocialServicesResult | null;
  readonly interview: {
    readonly heldOn: string;
    readonly outcome: InterviewOutcome;
    readonly cv: CvModelloInsieme | null;
  } | null;
  readonly noShows: number;
  readonly activities: Readonly<
    Record<string, { readonly kind: EmpowermentActivityKind; readonly ended: boolean }>
  >;
  readonly proposals: Readonly<Record<string, Proposal>>;
  readonly internships: Readonly<Record<string, Internship>>;
  readonly activeInternshipId: string | null;
  readonly hires: readonly Hire[];
  readonly projects: Readonly<Record<string, ProjectKind>>;
  readonly notes: readonly { readonly noteId: string; readonly note: SealedData }[];
  readonly closeReason: CaseCloseReason | null;
  /** The open status a closed case was closed from (where a re-opening resumes); null unless closed. */
  readonly closedFrom: OpenStatus | null;
  /** Set when the person withdrew before the first interview. */
  readonly withdrawal: WithdrawalReason | null;
}

export const initialCandidateState: CandidateState = {
  status: "none",
  candidateId: null,
  personId: null,
  personKey: null,
  appliedOn: null,
  channel: null,
  referrer: null,
  profile: null,
  personal: null,
  screening: null,
  socialServices: null,
  interview: null,
  noShows: 0,
  activities: {},
  proposals: {},
  internships: {},
  activeInternshipId: null,
  hires: [],
  projects: {},
  notes: [],
  closeReason: null,
  closedFrom: null,
  withdrawal: null,
};
