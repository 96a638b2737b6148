import { type EventStore, readStreamBatches } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { candidateDecider } from "../candidate/decider.js";
import { type CandidateState, type CandidateStatus, initialCandidateState } from "../candidate/state.js";
import type { CommandActor } from "../commands/envelope.js";
import type { CandidateEvent, CorrectionEvent, EventData } from "../events/registry.js";
import { domainRegistry } from "../events/registry.js";
import { personDecider } from "../person/decider.js";
import { personIndexDecider } from "../person/person-index.js";
import { personKeyOf } from "../personal-data/person-key.js";
import { CodiceFiscale, type PersonalData, type Unsealed } from "../personal-data/personal-data.js";
import { reject } from "../rules.js";
import { candidateStream, personIndexStream, personStream } from "../streams.js";
import type { ServiceContext } from "./context.js";
import type { InsiemeError } from "./errors.js";
import { openSealed, parseNote, parsePersonal } from "./readers.js";

/** A correction that changed a fact: who (role), when, why, which fields. */
export interface FactCorrection {
  readonly action: "amend" | "void";
  readonly role: string;
  readonly correctedAt: string;
  readonly reason: string;
  readonly fields: readonly string[];
}

/** One fact of one of the person's cases, as corrected. */
export interface TimelineEntry {
  /** The fact's date (the date part of `occurredAt`). */
  readonly date: string;
  readonly occurredAt: string;
  readonly candidateId: string;
  readonly eventId: string;
  readonly type: string;
  /** The fact as corrected (as recorded when voided). */
  readonly summary: string;
  /** True when a correction voided the fact: it no longer counts, it is still shown. */
  readonly voided: boolean;
  /** The corrections of this fact, oldest first (the latest one decides). */
  readonly corrections: readonly FactCorrection[];
}

export interface HiringRecord {
  readonly companyId: string;
  readonly hiredOn: string;
  readonly contractType: string;
  readonly placementOrder: string;
  readonly contractEnd: {
    readonly endedOn: string;
    readonly reason: string;
    readonly daysEmployed: number;
  } | null;
  readonly followUps: readonly {
    readonly contactedOn: string;
    readonly milestone: string;
    readonly employmentStatus: string;
  }[];
}

/** One case (application) of the person, as corrected. */
export interface CaseHistory {
  readonly candidateId: string;
  readonly status: CandidateStatus;
  readonly appliedOn: string | null;
  readonly screening: { readonly outcome: string; readonly notInTargetReason: string | null } | null;
  readonly interviews: readonly { readonly heldOn: string; readonly outcome: string }[];
  readonly closings: readonly { readonly closedOn: string; readonly reason: string }[];
  readonly reopenings: readonly {
    readonly reopenedOn: string;
    readonly reason: string;
    readonly closedOn: string;
    readonly resumedStatus: string;
  }[];
  readonly proposals: readonly {
    readonly proposalId: string;
    readonly companyId: string;
    readonly on: string;
  }[];
  readonly offersRefused: readonly {
    readonly proposalId: string;
    readonly refusedBy: string;
    readonly reason: string;
    readonly on: string;
  }[];
  readonly internships: readonly {
    readonly internshipId: string;
    readonly companyId: string;
    readonly startDate: string;
    readonly plannedEndDate: string;
    readonly ended: { readonly on: string; readonly reason: string } | null;
  }[];
  readonly hirings: readonly HiringRecord[];
  readonly withdrawals: readonly { readonly withdrawnOn: string; readonly reason: string }[];
  readonly noteCount: number;
}

interface HistoryBase {
  readonly personId: string;
  /** The person's cases in the order they were opened. */
  readonly cases: readonly CaseHistory[];
  /** Every fact of every case, in the order it happened (by `occurredAt`, then by the order it was recorded). */
  readonly timeline: readonly TimelineEntry[];
}

/** The person as the programme's staff see them (operator, technical referent): personal data and notes opened. */
export interface PersonHistoryView extends HistoryBase {
  readonly view: "person";
  /** The person's identifying data (from their latest application), or `erased` once the key is destroyed. */
  readonly personal: Unsealed<PersonalData>;
  readonly notes: readonly {
    readonly candidateId: string;
    readonly noteId: string;
    readonly text: Unsealed<string>;
  }[];
}

/** The person as an auditor sees them: by pseudonym, with neither personal data nor note text. */
export interface PseudonymousPersonHistory extends HistoryBase {
  readonly view: "pseudonymous";
}

export type PersonHistory = PersonHistoryView | PseudonymousPersonHistory;

/** A recorded fact of a case with its corrections. */
interface Fact {
  readonly candidateId: string;
  readonly eventId: string;
  readonly revision: number;
  readonly position: number;
  readonly occurredAt: string;
  readonly type: CandidateEvent["type"];
  readonly data: unknown;
  readonly voided: boolean;
  readonly corrections: FactCorrection[];
}

type Data<T extends CandidateEvent["type"]> = EventData<T>;

/** One line saying what the fact records (no personal data, no note text). */
const summaryOf = (type: string, data: unknown): string => {
  switch (type) {
    case "CandidateApplied": {
      const d = data as Data<"CandidateApplied">;
      return `applied (channel ${d.channel}, referrer ${d.referrer})`;
    }
    case "CandidateScreened": {
      const d = data as Data<"CandidateScreened">;
      return d.notInTargetReason === null
        ? `screened: ${d.outcome}`
        : `screened: ${d.outcome} (${d.notInTargetReason})`;
    }
    case "SocialServicesCrossChecked":
      return `social services cross-check: ${(data as Data<"SocialServicesCrossChecked">).result}`;
    case "FirstInterviewHeld":
      return `first interview: ${(data as Data<"FirstInterviewHeld">).outcome}`;
    case "EmpowermentActivityStarted":
      return `empowerment activity started: ${(data as Data<"EmpowermentActivityStarted">).kind}`;
    case "EmpowermentActivityEnded": {
      const d = data as Data<"EmpowermentActivityEnded">;
      return `empowerment activity ended: ${d.kind}, ${d.result}`;
    }
    case "PlacementProposed":
      return `proposed to company ${(data as Data<"PlacementProposed">).companyId}`;
    case "OfferRefused": {
      const d = data as Data<"OfferRefused">;
      return `offer of company ${d.companyId} refused by the ${d.refusedBy}: ${d.reason}`;
    }
    case "InternshipStarted": {
      const d = data as Data<"InternshipStarted">;
      return `internship at company ${d.companyId} from ${d.startDate} to ${d.plannedEndDate}`;
    }
    case "InternshipEnded": {
      const d = data as Data<"InternshipEnded">;
      return `internship at company ${d.companyId} ended: ${d.reason}`;
    }
    case "CandidateHired": {
      const d = data as Data<"CandidateHired">;
      return `hired by company ${d.companyId}: ${d.contractType}, ${d.placementOrder}`;
    }
    case "ProjectPathLinked": {
      const d = data as Data<"ProjectPathLinked">;
      return `follows ${d.kind} project ${d.projectId}`;
    }
    case "CaseNoteRecorded":
      return "note recorded";
    case "CaseClosed":
      return `case closed: ${(data as Data<"CaseClosed">).reason}`;
    case "CaseReopened": {
      const d = data as Data<"CaseReopened">;
      return `case re-opened (${d.reason}): closed on ${d.closedOn} (${d.closedReason}), resumes at ${d.resumedStatus}`;
    }
    case "CandidateWithdrew":
      return `withdrew before the first interview: ${(data as Data<"CandidateWithdrew">).reason}`;
    case "ContractEnded": {
      const d = data as Data<"ContractEnded">;
      return `contract with company ${d.companyId} (hired ${d.hiredOn}) ended: ${d.reason}, after ${d.daysEmployed} days`;
    }
    case "PlacementFollowUpRecorded": {
      const d = data as Data<"PlacementFollowUpRecorded">;
      return `follow-up ${d.milestone} of the hiring of ${d.hiredOn} at company ${d.companyId}: ${d.employmentStatus}`;
    }
    default:
      return type;
  }
};

/** The case's facts as corrected, and its state folded as the service folds it. */
interface CaseRead {
  readonly candidateId: string;
  readonly state: CandidateState;
  readonly facts: readonly Fact[];
}

/** Builds a case's summary from its facts as corrected (voided facts left out) and its state now. */
const caseHistoryOf = (read: CaseRead): CaseHistory => {
  const live = read.facts.filter((f) => !f.voided);
  const of = <T extends CandidateEvent["type"]>(type: T): { fact: Fact; data: Data<T> }[] =>
    live.filter((f) => f.type === type).map((fact) => ({ fact, data: fact.data as Data<T> }));
  const day = (f: Fact) => f.occurredAt.slice(0, 10);
  const s = read.state;
  const ends = of("ContractEnded");
  const follows = of("PlacementFollowUpRecorded");
  const internshipEnds = of("InternshipEnded");
  return {
    candidateId: read.candidateId,
    status: s.status,
    appliedOn: s.appliedOn,
    screening:
      s.screening === null
        ? null
        : { outcome: s.screening.outcome, notInTargetReason: s.screening.notInTargetReason },
    interviews: of("FirstInterviewHeld").map(({ data }) => ({ heldOn: data.heldOn, outcome: data.outcome })),
    closings: of("CaseClosed").map(({ fact, data }) => ({ closedOn: day(fact), reason: data.reason })),
    reopenings: of("CaseReopened").map(({ data }) => ({
      reopenedOn: data.reopenedOn,
      reason: data.reason,
      closedOn: data.closedOn,
      resumedStatus: data.resumedStatus,
    })),
    proposals: of("PlacementProposed").map(({ fact, data }) => ({
      proposalId: data.proposalId,
      companyId: data.companyId,
      on: day(fact),
    })),
    offersRefused: of("OfferRefused").map(({ fact, data }) => ({
      proposalId: data.proposalId,
      refusedBy: data.refusedBy,
      reason: data.reason,
      on: day(fact),
    })),
    internships: of("InternshipStarted").map(({ data }) => {
      const ended = internshipEnds.find((e) => e.data.internshipId === data.internshipId);
      return {
        internshipId: data.internshipId,
        companyId: data.companyId,
        startDate: data.startDate,
        plannedEndDate: data.plannedEndDate,
        ended: ended === undefined ? null : { on: day(ended.fact), reason: ended.data.reason },
      };
    }),
    hirings: of("CandidateHired").map(({ data }) => {
      const same = (x: { companyId: string; hiredOn: string }) =>
        x.companyId === data.companyId && x.hiredOn === data.hiredOn;
      const end = ends.find((e) => same(e.data));
      return {
        companyId: data.companyId,
        hiredOn: data.hiredOn,
        contractType: data.contractType,
        placementOrder: data.placementOrder,
        contractEnd:
          end === undefined
            ? null
            : { endedOn: end.data.endedOn, reason: end.data.reason, daysEmployed: end.data.daysEmployed },
        followUps: follows
          .filter((f) => same(f.data))
          .map((f) => ({
            contactedOn: f.data.contactedOn,
            milestone: f.data.milestone,
            employmentStatus: f.data.employmentStatus,
          })),
      };
    }),
    withdrawals: of("CandidateWithdrew").map(({ data }) => ({
      withdrawnOn: data.withdrawnOn,
      reason: data.reason,
    })),
    noteCount: s.notes.length,
  };
};

const notFound = (personId: string): Either<InsiemeError, never> =>
  reject("person-not-found", `no person ${personId}`);

/** Folds one stream's events with a decider's evolve: one indexed read of the stream. */
const foldStream = async <S, Ev>(
  store: EventStore,
  streamId: string,
  initial: S,
  evolve: (s: S, e: Ev) => S,
): Promise<Either<InsiemeError, S>> => {
  let state = initial;
  for await (const batch of readStreamBatches(store, streamId)) {
    for (const recorded of batch) {
      const decoded = domainRegistry.decodeRecorded(recorded);
      if (E.isLeft(decoded)) return decoded;
      state = evolve(state, decoded.right as Ev);
    }
  }
  return E.right(state);
};

/** Reads one case stream once: the facts with their corrections, and the state as the service folds it. */
const readCase = async (store: EventStore, candidateId: string): Promise<Either<InsiemeError, CaseRead>> => {
  const facts: Fact[] = [];
  const byRevision = new Map<number, Fact>();
  let state = initialCandidateState;
  for await (const batch of readStreamBatches(store, candidateStream(candidateId))) {
    for (const recorded of batch) {
      const decoded = domainRegistry.decodeRecorded(recorded);
      if (E.isLeft(decoded)) return decoded;
      const event = decoded.right as CandidateEvent;
      state = candidateDecider.evolve(state, event);
      if (event.type === "FactCorrected") {
        const c = (event as CorrectionEvent).data;
        const target = byRevision.get(c.correctedRevision);
        if (target === undefined) continue;
        const amended = c.action === "amend" && c.data !== null && c.data !== undefined;
        const corrected: Fact = {
          ...target,
          data: amended ? c.data : target.data,
          voided: c.action === "void",
          corrections: [
            ...target.corrections,
            {
              action: c.action,
              role: c.correctedBy.role,
              correctedAt: recorded.occurredAt,
              reason: c.reason,
              fields: [...c.fields],
            },
          ],
        };
        byRevision.set(c.correctedRevision, corrected);
        facts[facts.indexOf(target)] = corrected;
        continue;
      }
      const fact: Fact = {
        candidateId,
        eventId: recorded.eventId,
        revision: recorded.revision,
        position: recorded.position,
        occurredAt: recorded.occurredAt,
        type: event.type,
        data: event.data,
        voided: false,
        corrections: [],
      };
      byRevision.set(recorded.revision, fact);
      facts.push(fact);
    }
  }
  return E.right({ candidateId, state, facts });
};

/** The person's cases and timeline, read from the store; null when no person has this id. */
const readCases = async (
  store: EventStore,
  personId: string,
): Promise<
  Either<InsiemeError, { readonly reads: readonly CaseRead[]; readonly base: HistoryBase } | null>
> => {
  const index = await foldStream(
    store,
    personIndexStream(personId),
    personIndexDecider.initialState,
    personIndexDecider.evolve,
  );
  if (E.isLeft(index)) return index;
  const personKey = index.right.personKey;
  if (personKey === null) return E.right(null);
  const person = await foldStream(
    store,
    personStream(personKey),
    personDecider.initialState,
    personDecider.evolve,
  );
  if (E.isLeft(person)) return person;
  const reads: CaseRead[] = [];
  for (const candidateId of person.right.candidateIds) {
    const read = await readCase(store, candidateId);
    if (E.isLeft(read)) return read;
    // A case the person stream opened but whose application was never written (a concurrent write lost).
    if (read.right.state.status !== "none") reads.push(read.right);
  }
  const timeline: TimelineEntry[] = reads
    .flatMap((c) => c.facts)
    .sort((a, b) =>
      a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.position - b.position,
    )
    .map((f) => ({
      date: f.occurredAt.slice(0, 10),
      occurredAt: f.occurredAt,
      candidateId: f.candidateId,
      eventId: f.eventId,
      type: f.type,
      summary: summaryOf(f.type, f.data),
      voided: f.voided,
      corrections: f.corrections,
    }));
  return E.right({ reads, base: { personId, cases: reads.map(caseHistoryOf), timeline } });
};

/**
 * The person's history by pseudonym, read from a store alone (no key, no vault): what an auditor, or whoever
 * holds a journal, may read. `person-not-found` for an id no person has.
 */
export const readPseudonymousPersonHistory = async (
  store: EventStore,
  personId: string,
): Promise<Either<InsiemeError, PseudonymousPersonHistory>> => {
  const read = await readCases(store, personId);
  if (E.isLeft(read)) return read;
  if (read.right === null) return notFound(personId);
  return E.right({ view: "pseudonymous", ...read.right.base });
};

/**
 * The person across cases: the person's index entry names their person stream, which lists every case; each case
 * stream is read once (never a scan of the store).
 */
export const createPersonReaders = (ctx: ServiceContext) => {
  const readPersonHistory = async (
    personId: string,
    viewer: CommandActor,
  ): Promise<Either<InsiemeError, PersonHistory>> => {
    // A company cannot tell a person from no person: the same answer as for an unknown id.
    if (viewer.role === "company") return notFound(personId);
    if (viewer.role === "auditor") return readPseudonymousPersonHistory(ctx.store, personId);
    const read = await readCases(ctx.store, personId);
    if (E.isLeft(read)) return read;
    if (read.right === null) return notFound(personId);
    const { reads, base } = read.right;
    const latest = reads.at(-1)?.state.personal ?? null;
    const personal: Unsealed<PersonalData> =
      latest === null ? { erased: true } : await openSealed(ctx, personId, latest, parsePersonal);
    const notes: PersonHistoryView["notes"][number][] = [];
    for (const c of reads) {
      for (const n of c.state.notes) {
        notes.push({
          candidateId: c.candidateId,
          noteId: n.noteId,
          text: await openSealed(ctx, personId, n.note, parseNote),
        });
      }
    }
    return E.right({ view: "person", ...base, personal, notes });
  };

  /**
   * The person id of a codice fiscale (operator, technical referent): the keyed hash of the code names the person
   * stream, as an application does. The code is validated, and neither logged nor returned.
   */
  const findPerson = async (
    codiceFiscale: unknown,
    viewer: CommandActor,
  ): Promise<Either<InsiemeError, { readonly personId: string }>> => {
    if (viewer.role !== "operator" && viewer.role !== "technical_referent")
      return reject("role-not-allowed", `role ${viewer.role} may not look a person up by codice fiscale`);
    const parsed = CodiceFiscale.safeParse(codiceFiscale);
    if (!parsed.success) {
      const message = "codiceFiscale: not a valid codice fiscale (shape or control character)";
      return E.left({
        _tag: "InvalidCommand",
        message,
        issues: [
          { path: "codiceFiscale", message: "not a valid codice fiscale (shape or control character)" },
        ],
      });
    }
    const person = await ctx.persons.load(personStream(personKeyOf(ctx.hmacKey, parsed.data)));
    if (E.isLeft(person)) return person;
    const personId = person.right.state.personId;
    if (personId === null) return reject("person-not-found", "no person with this codice fiscale");
    return E.right({ personId });
  };

  return { readPersonHistory, findPerson };
};
