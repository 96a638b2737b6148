import { defineEvent } from "@insieme/kernel";
import { z } from "zod";
import {
  AtecoSection,
  BoardChannel,
  CompanyLeaveReason,
  CompanySize,
  OccupationGroup,
  OpportunityKind,
} from "../vocabulary/company.js";
import { ContractType, PlacementOrder } from "../vocabulary/placement.js";
import { Id, IstatCode } from "./common.js";

export const CompanyJoinedBoard = defineEvent(
  "CompanyJoinedBoard",
  z.object({
    companyId: Id,
    /** A company's business name is not personal data of a candidate; it is kept in clear. */
    name: z.string().min(1).max(200),
    channel: BoardChannel,
    size: CompanySize,
    sector: AtecoSection,
    municipalityIstat: IstatCode,
  }),
);

export const CompanyNeedsDeclared = defineEvent(
  "CompanyNeedsDeclared",
  z.object({
    companyId: Id,
    needId: Id,
    profiles: z
      .array(z.object({ occupationGroup: OccupationGroup, positions: z.number().int().min(1).max(10_000) }))
      .min(1),
    trainingRequested: z.boolean(),
  }),
);

export const OpportunityOffered = defineEvent(
  "OpportunityOffered",
  z.object({
    companyId: Id,
    opportunityId: Id,
    kind: OpportunityKind,
    occupationGroup: OccupationGroup,
    positions: z.number().int().min(1).max(10_000),
    contractType: ContractType.nullable(),
  }),
);

export const CompanyHiredCandidate = defineEvent(
  "CompanyHiredCandidate",
  z.object({ companyId: Id, candidateId: Id, contractType: ContractType, placementOrder: PlacementOrder }),
);

export const CompanyLeftBoard = defineEvent(
  "CompanyLeftBoard",
  z.object({ companyId: Id, reason: CompanyLeaveReason }),
);

export const companyEvents = [
  CompanyJoinedBoard,
  CompanyNeedsDeclared,
  OpportunityOffered,
  CompanyHiredCandidate,
  CompanyLeftBoard,
] as const;
