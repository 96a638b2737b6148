import type {
  Clock,
  CommandHandler,
  EventStore,
  IdGenerator,
  WriteContext as KernelWriteContext,
  Written,
} from "@insieme/kernel";
import type { CandidateCommand } from "../candidate/commands.js";
import type { CandidateState } from "../candidate/state.js";
import type { CompanyCommand, CompanyState } from "../company/decider.js";
import type { ConfigurationVersionInForce, ProgrammeConfiguration } from "../configuration/configuration.js";
import type { CorrectCommand } from "../corrections/correctable.js";
import type {
  CandidateEvent,
  CompanyEvent,
  FundEvent,
  InsiemeEvent,
  PersonEvent,
  ProjectEvent,
} from "../events/registry.js";
import type { FundCommand, FundState } from "../fund/decider.js";
import type { PersonCommand, PersonState } from "../person/decider.js";
import type { IdentifyPerson, PersonIndexState } from "../person/person-index.js";
import type { PersonalDataVault } from "../personal-data/vault.js";
import type { ProjectCommand, ProjectState } from "../project/decider.js";

/** What every command handler of the service shares. */
export interface ServiceContext {
  readonly candidates: CommandHandler<CandidateCommand | CorrectCommand, CandidateState, CandidateEvent>;
  readonly companies: CommandHandler<CompanyCommand | CorrectCommand, CompanyState, CompanyEvent>;
  readonly projects: CommandHandler<ProjectCommand | CorrectCommand, ProjectState, ProjectEvent>;
  readonly funds: CommandHandler<FundCommand | CorrectCommand, FundState, FundEvent>;
  readonly persons: CommandHandler<PersonCommand, PersonState, PersonEvent>;
  /** The person's index entries: from a person id to their person stream. */
  readonly personIndex: CommandHandler<IdentifyPerson, PersonIndexState, PersonEvent>;
  readonly vault: PersonalDataVault;
  /** The store, for reading a recorded event a correction names. */
  readonly store: EventStore;
  readonly hmacKey: Uint8Array;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** The programme's configuration: each command is decided by the version in force on its `occurredAt`. */
  readonly configuration: ProgrammeConfiguration;
}

/** The outcome of an accepted command: what it wrote, stream by stream. */
export interface Outcome {
  readonly commandId: string;
  readonly type: string;
  /** True when the command id had been handled before: nothing was written again. */
  readonly duplicate: boolean;
  readonly written: readonly Written<InsiemeEvent>[];
}

/**
 * What an append needs in the domain: the kernel's write context, with the command's tag always set and the
 * configuration version in force on the command's `occurredAt`, which decides it and which every event written
 * records (the context's `stamp`).
 */
export interface WriteContext extends KernelWriteContext {
  readonly tag: number;
  readonly configuration: ConfigurationVersionInForce;
}
