import type { Decider, DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import { type CorrectCommand, correctable } from "../corrections/correctable.js";
import { skipped } from "../corrections/step-checks.js";
import type { CompanyEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import type {
  AtecoSection,
  BoardChannel,
  CompanyLeaveReason,
  CompanySize,
  OpportunityKind,
} from "../vocabulary/company.js";
import type { ContractType, PlacementOrder } from "../vocabulary/placement.js";

export type CompanyStatus = "none" | "in_board" | "left";

export interface CompanyState {
  readonly status: CompanyStatus;
  readonly companyId: string | null;
  readonly name: string | null;
  readonly channel: BoardChannel | null;
  readonly size: CompanySize | null;
  readonly sector: AtecoSection | null;
  readonly municipalityIstat: string | null;
  /** How many needs the company declared (needs are not looked up again, so their ids are not kept). */
  readonly needs: number;
  readonly opportunities: Readonly<
    Record<string, { readonly kind: OpportunityKind; readonly positions: number }>
  >;
  readonly hires: number;
  /** The company's hirings by contract type, as corrected (a hiring's amended contract type moves it). */
  readonly hiresByContractType: Readonly<Partial<Record<ContractType, number>>>;
}

export const initialCompanyState: CompanyState = {
  status: "none",
  companyId: null,
  name: null,
  channel: null,
  size: null,
  sector: null,
  municipalityIstat: null,
  needs: 0,
  opportunities: {},
  hires: 0,
  hiresByContractType: {},
};

export type CompanyCommand =
  | {
      readonly kind: "JoinBoard";
      readonly companyId: string;
      readonly name: string;
      readonly channel: BoardChannel;
      readonly size: CompanySize;
      readonly sector: AtecoSection;
      readonly municipalityIstat: string;
    }
  | {
      readonly kind: "DeclareNeeds";
      readonly needId: string;
      readonly profiles: readonly { readonly occupationGroup: number; readonly positions: number }[];
      readonly trainingRequested: boolean;
    }
  | {
      readonly kind: "OfferOpportunity";
      readonly opportunityId: string;
      readonly opportunity: OpportunityKind;
      readonly occupationGroup: number;
      readonly positions: number;
      readonly contractType: ContractType | null;
    }
  | {
      readonly kind: "RecordHire";
      readonly candidateId: string;
      readonly contractType: ContractType;
      readonly placementOrder: PlacementOrder;
    }
  | { readonly kind: "LeaveBoard"; readonly reason: CompanyLeaveReason };

type Decision = Either<DomainError, readonly CompanyEvent[]>;

const notInBoard = (state: CompanyState, rule = "company-not-in-board"): Decision | null =>
  state.status === "in_board"
    ? null
    : reject(rule, `company ${state.companyId ?? "(unknown)"} is not in the Board`);

const decide = (c: CompanyCommand, s: CompanyState): Decision => {
  const companyId = s.companyId ?? "";
  switch (c.kind) {
    case "JoinBoard":
      if (s.status === "in_board")
        return reject("company-already-in-board", `company ${c.companyId} is in the Board`);
      return accept({
        type: "CompanyJoinedBoard",
        data: {
          companyId: c.companyId,
          name: c.name,
          channel: c.channel,
          size: c.size,
          sector: c.sector,
          municipalityIstat: c.municipalityIstat,
        },
      });
    case "DeclareNeeds":
      return (
        notInBoard(s) ??
        accept({
          type: "CompanyNeedsDeclared",
          data: {
            companyId,
            needId: c.needId,
            profiles: c.profiles.map((p) => ({ ...p })),
            trainingRequested: c.trainingRequested,
          },
        })
      );
    case "OfferOpportunity":
      return (
        notInBoard(s) ??
        (s.opportunities[c.opportunityId] !== undefined
          ? reject("opportunity-already-offered", `opportunity ${c.opportunityId} exists`)
          : accept({
              type: "OpportunityOffered",
              data: {
                companyId,
                opportunityId: c.opportunityId,
                kind: c.opportunity,
                occupationGroup: c.occupationGroup,
                positions: c.positions,
                contractType: c.contractType,
              },
            }))
      );
    case "RecordHire":
      return (
        notInBoard(s, "hiring-company-not-in-board") ??
        accept({
          type: "CompanyHiredCandidate",
          data: {
            companyId,
            candidateId: c.candidateId,
            contractType: c.contractType,
            placementOrder: c.placementOrder,
          },
        })
      );
    case "LeaveBoard":
      return notInBoard(s) ?? accept({ type: "CompanyLeftBoard", data: { companyId, reason: c.reason } });
  }
};

// Plain spreads rather than immer here: a company's state is flat and its evolve is on the hot path of every
// company command (immer's draft costs several times a spread).
const evolve = (s: CompanyState, event: CompanyEvent): CompanyState => {
  if (event.type === "FactCorrected") return s;
  switch (event.type) {
    case "CompanyJoinedBoard":
      return { ...s, status: "in_board", ...event.data };
    case "CompanyNeedsDeclared":
      return { ...s, needs: s.needs + 1 };
    case "OpportunityOffered":
      return {
        ...s,
        opportunities: {
          ...s.opportunities,
          [event.data.opportunityId]: { kind: event.data.kind, positions: event.data.positions },
        },
      };
    case "CompanyHiredCandidate":
      return {
        ...s,
        hires: s.hires + 1,
        hiresByContractType: {
          ...s.hiresByContractType,
          [event.data.contractType]: (s.hiresByContractType[event.data.contractType] ?? 0) + 1,
        },
      };
    case "CompanyLeftBoard":
      return { ...s, status: "left" };
  }
};

/** Where each company event may stand (for corrections). */
export const companyStepCheck = (s: CompanyState, e: CompanyEvent): DomainError | null => {
  switch (e.type) {
    case "CompanyJoinedBoard":
      return s.status === "in_board" ? skipped(e.type, s.status, "a company not in the Board") : null;
    case "CompanyNeedsDeclared":
    case "OpportunityOffered":
    case "CompanyHiredCandidate":
    case "CompanyLeftBoard":
      return s.status === "in_board" ? null : skipped(e.type, s.status, "in_board");
    case "FactCorrected":
      return null;
  }
};

/** A company of the Board di imprese, one stream per company (`company-<id>`). */
export const companyDecider: Decider<CompanyCommand | CorrectCommand, CompanyState, CompanyEvent> =
  correctable({ initialState: initialCompanyState, evolve, decide }, companyStepCheck);
