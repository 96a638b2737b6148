import { z } from "zod";
import { Id, IstatCode } from "../events/common.js";
import {
  AtecoSection,
  BoardChannel,
  CompanyLeaveReason,
  CompanySize,
  OccupationGroup,
  OpportunityKind,
} from "../vocabulary/company.js";
import { ContractType } from "../vocabulary/placement.js";

export const JoinBoard = z.strictObject({
  companyId: Id,
  name: z.string().min(1).max(200),
  channel: BoardChannel,
  size: CompanySize,
  sector: AtecoSection,
  municipalityIstat: IstatCode,
});

export const DeclareCompanyNeeds = z.strictObject({
  companyId: Id,
  needId: Id,
  profiles: z
    .array(
      z.strictObject({ occupationGroup: OccupationGroup, positions: z.number().int().min(1).max(10_000) }),
    )
    .min(1)
    .max(100),
  trainingRequested: z.boolean(),
});

export const OfferOpportunity = z.strictObject({
  companyId: Id,
  opportunityId: Id,
  kind: OpportunityKind,
  occupationGroup: OccupationGroup,
  positions: z.number().int().min(1).max(10_000),
  contractType: ContractType.nullable(),
});

export const LeaveBoard = z.strictObject({ companyId: Id, reason: CompanyLeaveReason });
