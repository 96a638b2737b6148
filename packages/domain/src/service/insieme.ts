import {
  type Actor,
  type Clock,
  type CommandEntry,
  CommandHandler,
  CommandIndex,
  commandTag,
  type Decider,
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  type IdGenerator,
  systemClock,
  taggedEventIds,
} from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { candidateDecider } from "../candidate/decider.js";
import type { Command, CommandActor } from "../commands/envelope.js";
import { parseCommand } from "../commands/parse.js";
import { type CompanyState, companyDecider } from "../company/decider.js";
import {
  addConfigurationVersions,
  type ConfigurationVersionInForce,
  configurationInForce,
  type ProgrammeConfiguration,
} from "../configuration/configuration.js";
import { ConfigurationVersion } from "../configuration/schema.js";
import type { CandidateEvent } from "../events/registry.js";
import { domainRegistry } from "../events/registry.js";
import { fundDecider } from "../fund/decider.js";
import { personDecider } from "../person/decider.js";
import { personIndexDecider } from "../person/person-index.js";
import type { PersonalDataVault } from "../personal-data/vault.js";
import { type ProjectState, projectDecider } from "../project/decider.js";
import { reject } from "../rules.js";
import { authorize } from "./authorize.js";
import { commandContent } from "./command-content.js";
import type { Outcome, ServiceContext } from "./context.js";
import type { InsiemeError } from "./errors.js";
import { createPersonReaders, type PersonHistory } from "./person-history.js";
import { createReaders, type FundView } from "./readers.js";
import { primaryStream, route } from "./route.js";
import type { CandidateView } from "./views.js";

export interface InsiemeOptions {
  readonly store: EventStore;
  /** Fills a command's missing occurredAt. Default: the system clock. */
  readonly clock?: Clock;
  /** Event ids and new person ids. */
  readonly ids: IdGenerator;
  /** Secret HMAC key (at least 32 bytes) for the keyed hash of the codice fiscale. */
  readonly personKey: Uint8Array;
  readonly vault: PersonalDataVault;
  /**
   * The programme's configuration (`parseConfiguration`, or `ILLUSTRATIVE_CONFIGURATION` by name for demos and
   * tests): there is no default. Each command is decided by the version in force on its `occurredAt`.
   */
  readonly configuration: ProgrammeConfiguration;
  /** How many streams' folded states to keep in memory (oldest dropped first). Default 100,000. */
  readonly maxCachedStreams?: number;
}

/** The application service host applications drive. */
export interface Insieme {
  /** Validates, authorises and executes one command (any JSON value); errors are values, nothing is written for them. */
  execute(command: unknown): Promise<Either<InsiemeError, Outcome>>;
  /** A candidate as `viewer`'s role may see it. */
  readCandidate(candidateId: string, viewer: CommandActor): Promise<Either<InsiemeError, CandidateView>>;
  readCompany(companyId: string, viewer: CommandActor): Promise<Either<InsiemeError, CompanyState>>;
  readProject(projectId: string, viewer: CommandActor): Promise<Either<InsiemeError, ProjectState>>;
  readFund(year: number, viewer: CommandActor): Promise<Either<InsiemeError, FundView>>;
  /**
   * The person across cases: every case of the person, oldest first, and one timeline of their facts as corrected.
   * Staff see personal data and notes opened, an auditor by pseudonym; a company gets `person-not-found`.
   */
  readPersonHistory(personId: string, viewer: CommandActor): Promise<Either<InsiemeError, PersonHistory>>;
  /** The person id of a codice fiscale (operator, technical referent), by its keyed hash; the code is never kept. */
  findPerson(
    codiceFiscale: unknown,
    viewer: CommandActor,
  ): Promise<Either<InsiemeError, { readonly personId: string }>>;
  /** Destroys the person's data key: their events still decode, statistics are unchanged, personal fields read as erased. */
  erasePerson(personId: string): Promise<void>;
}

/** Streams of one kind hold only that kind's events; the registry still validates each against its schema. */
const registryOf = <Ev extends DomainEvent>(): EventRegistry<Ev> =>
  domainRegistry as unknown as EventRegistry<Ev>;

export type { FundView };

/** A configuration built by hand is checked as a file would be: valid versions, hashes of their content. */
const checkedConfiguration = (given: ProgrammeConfiguration): ProgrammeConfiguration => {
  const rules = given.versions.map((v) => ConfigurationVersion.parse(v.rules));
  const rebuilt = addConfigurationVersions(null, rules, "createInsieme");
  if (E.isLeft(rebuilt)) throw new RangeError(`createInsieme: ${rebuilt.left.message}`);
  for (const v of given.versions) {
    if (!rebuilt.right.versions.some((r) => r.ref.version === v.ref.version && r.ref.hash === v.ref.hash))
      throw new RangeError(`createInsieme: configuration version ${v.ref.version} does not match its hash`);
  }
  return rebuilt.right;
};

/** The event as stored: its data records the configuration version that decided it. */
const stampWith =
  (inForce: ConfigurationVersionInForce) =>
  (event: DomainEvent): DomainEvent => ({
    type: event.type,
    data: { ...(event.data as object), configuration: inForce.ref },
  });

export const createInsieme = (options: InsiemeOptions): Insieme => {
  if (options.personKey.length < 32)
    throw new RangeError("createInsieme: personKey must be at least 32 bytes");
  const clock = options.clock ?? systemClock;
  const store = options.store;
  const cached = options.maxCachedStreams ?? 100_000;
  const configuration = checkedConfiguration(options.configuration);
  const commands = new CommandIndex(store);
  const handler = <C, S, Ev extends DomainEvent>(decider: Decider<C, S, Ev>) =>
    new CommandHandler({
      store,
      registry: registryOf<Ev>(),
      decider,
      eventIds: options.ids,
      commands,
      maxCachedStreams: cached,
    });
  const ctx: ServiceContext = {
    candidates: handler(candidateDecider),
    companies: handler(companyDecider),
    projects: handler(projectDecider),
    funds: handler(fundDecider),
    persons: handler(personDecider),
    personIndex: handler(personIndexDecider),
    vault: options.vault,
    store,
    hmacKey: options.personKey,
    ids: options.ids,
    clock,
    configuration,
  };
  const now = () => clock.now();

  const handlerOf = (streamId: string): CommandHandler<unknown, unknown, CandidateEvent> =>
    (streamId.startsWith("candidate-")
      ? ctx.candidates
      : streamId.startsWith("company-")
        ? ctx.companies
        : streamId.startsWith("project-")
          ? ctx.projects
          : ctx.funds) as CommandHandler<unknown, unknown, CandidateEvent>;

  /** A command id seen before: its first outcome again (the same command), or a refusal (another command). */
  const repeated = async (
    cmd: Command,
    primary: string,
    tag: number,
    first: CommandEntry,
  ): Promise<Either<InsiemeError, Outcome>> => {
    const previous = await handlerOf(primary).repeated(primary, cmd.commandId, tag, first);
    if (E.isLeft(previous)) return previous;
    const { streamId, events, revision } = previous.right;
    return E.right({
      commandId: cmd.commandId,
      type: cmd.type,
      duplicate: true,
      written: [{ streamId, events, revision }],
    });
  };

  const execute = async (input: unknown): Promise<Either<InsiemeError, Outcome>> => {
    const parsed = parseCommand(input, now);
    if (E.isLeft(parsed)) return parsed;
    const cmd = parsed.right;
    const allowed = authorize(cmd);
    if (E.isLeft(allowed)) return allowed;
    const primary = primaryStream(cmd);
    const tag = commandTag(ctx.hmacKey, cmd.commandId, commandContent(cmd, input));
    const release = await commands.claim(cmd.commandId);
    try {
      const first = await commands.find(cmd.commandId);
      if (first !== undefined) return await repeated(cmd, primary, tag, first);
      const date = cmd.occurredAt.slice(0, 10);
      const inForce = configurationInForce(configuration, date);
      if (inForce === undefined) {
        return reject(
          "no-configuration-in-force",
          `no version of configuration '${configuration.id}' is in force on ${date}`,
          { configuration: configuration.id, date },
        );
      }
      const actor: Actor = { id: cmd.actor.id, role: cmd.actor.role };
      const written = await route(ctx, cmd, {
        commandId: cmd.commandId,
        tag,
        eventIds: taggedEventIds(tag, options.ids),
        occurredAt: cmd.occurredAt,
        actor,
        correlationId: cmd.correlationId ?? cmd.commandId,
        configuration: inForce,
        stamp: stampWith(inForce),
      });
      if (E.isLeft(written)) return written;
      return E.right({ commandId: cmd.commandId, type: cmd.type, duplicate: false, written: written.right });
    } finally {
      release();
    }
  };

  return {
    execute,
    ...createReaders(ctx),
    ...createPersonReaders(ctx),
    erasePerson: (personId) => options.vault.destroy(personId),
  };
};
