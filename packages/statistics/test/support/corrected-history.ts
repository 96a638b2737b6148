import {
  BoardChannel,
  CaseCloseReason,
  type CommandInputEnvelope,
  ContractEndReason,
  ContractType,
  createInsieme,
  EducationLevel,
  EmploymentStatus,
  Gender,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  InterviewOutcome,
  SocialServicesResult,
  WithdrawalReason,
} from "@insieme/domain";
import type { InMemoryEventStore, RecordedEvent } from "@insieme/kernel";
import { sequentialIds } from "@insieme/kernel";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";

const operator = { id: "op-9", role: "operator" } as const;

/**
 * Sends commands into `store`, keeping going past refusals (a correction the rules refuse, a follow-up not due):
 * the history is what was accepted. Returns how many were accepted.
 */
export const runAccepted = async (
  commands: Iterable<CommandInputEnvelope>,
  store: InMemoryEventStore,
  idPrefix: string,
): Promise<number> => {
  const insieme = createInsieme({
    configuration: ILLUSTRATIVE_CONFIGURATION,
    store,
    ids: sequentialIds(idPrefix),
    personKey: new Uint8Array(32).fill(9),
    vault: new InMemoryPersonalDataVault(),
  });
  let accepted = 0;
  for (const command of commands) if (E.isRight(await insieme.execute(command))) accepted++;
  return accepted;
};

const day = (iso: string, days: number): string => {
  const d = new Date(`${iso.slice(0, 10)}T09:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
};

/**
 * What the synthetic programme does not record, added to its history so that corrections can reach it: a
 * withdrawal for candidates in target never interviewed, a 6-month follow-up and a contract end for hirings, a
 * re-opening (and, for some, a new closing) of cases closed for autonomy.
 */
export const afterHistory = (events: readonly RecordedEvent[]): CommandInputEnvelope[] => {
  const out: CommandInputEnvelope[] = [];
  let n = 0;
  const cmd = (type: string, occurredAt: string, data: Record<string, unknown>) =>
    out.push({ commandId: `after-${n++}`, type, occurredAt, actor: operator, data } as CommandInputEnvelope);
  const interviewed = new Set(
    events
      .filter((e) => e.type === "FirstInterviewHeld")
      .map((e) => (e.data as { candidateId: string }).candidateId),
  );
  events.forEach((e, i) => {
    const d = e.data as Record<string, unknown>;
    if (
      e.type === "CandidateScreened" &&
      d.outcome === "in_target" &&
      !interviewed.has(String(d.candidateId))
    )
      cmd("RecordWithdrawal", day(e.occurredAt, 3), {
        candidateId: d.candidateId,
        reason: WithdrawalReason.options[i % WithdrawalReason.options.length],
      });
    if (e.type === "CandidateHired") {
      cmd("RecordFollowUp", day(String(d.hiredOn), 185), {
        candidateId: d.candidateId,
        companyId: d.companyId,
        milestone: "month_6",
        employmentStatus: EmploymentStatus.options[i % EmploymentStatus.options.length],
      });
      if (i % 2 === 0)
        cmd("RecordContractEnd", day(String(d.hiredOn), 250), {
          candidateId: d.candidateId,
          companyId: d.companyId,
          reason: ContractEndReason.options[i % ContractEndReason.options.length],
        });
    }
    if (e.type === "CaseClosed" && d.reason === "autonomy" && i % 3 !== 0) {
      cmd("ReopenCase", day(e.occurredAt, 10), { candidateId: d.candidateId, reason: "returned" });
      if (i % 2 === 0)
        cmd("CloseCase", day(e.occurredAt, 40), {
          candidateId: d.candidateId,
          reason: i % 4 === 0 ? "autonomy" : "other",
        });
    }
  });
  return out.sort((a, b) => (String(a.occurredAt) < String(b.occurredAt) ? -1 : 1));
};

/** The correctable types the statistics read, and how a random correction of each is made. */
const AMEND: Readonly<
  Record<string, (value: number, events: readonly RecordedEvent[]) => Record<string, unknown> | null>
> = {
  CandidateApplied: (v, events) => {
    const others = events.filter((e) => e.type === "CandidateApplied");
    const other = others[v % others.length]?.data as { profile: { residence: unknown } } | undefined;
    return v % 2 === 0
      ? { gender: Gender.options[v % Gender.options.length], educationLevel: EducationLevel.options[v % 5] }
      : { residence: other?.profile.residence };
  },
  CandidateScreened: (v) =>
    v % 2 === 0 ? { outcome: "not_in_target", notInTargetReason: "other" } : { outcome: "in_target" },
  SocialServicesCrossChecked: (v) => ({ result: SocialServicesResult.options[v % 2] }),
  FirstInterviewHeld: (v) => ({ outcome: InterviewOutcome.options[v % InterviewOutcome.options.length] }),
  CandidateWithdrew: (v) => ({ reason: WithdrawalReason.options[v % WithdrawalReason.options.length] }),
  CaseClosed: (v) => ({ reason: CaseCloseReason.options[v % CaseCloseReason.options.length] }),
  CandidateHired: (v) => ({ contractType: ContractType.options[v % ContractType.options.length] }),
  ContractEnded: (v) => ({ reason: ContractEndReason.options[v % ContractEndReason.options.length] }),
  PlacementFollowUpRecorded: (v) => ({
    employmentStatus: EmploymentStatus.options[v % EmploymentStatus.options.length],
  }),
  CompanyJoinedBoard: (v) => ({ channel: BoardChannel.options[v % BoardChannel.options.length] }),
  CompanyNeedsDeclared: () => null,
  OpportunityOffered: () => null,
  CompanyLeftBoard: () => null,
  ProjectJobsCreated: (v) => ({ jobs: 1 + (v % 12) }),
};

export const CORRECTED_TYPES = Object.keys(AMEND);

/** One random correction: of which type, which fact of that type, void or amend, and the value. */
export const anyCorrection = fc.record({
  type: fc.constantFrom(...CORRECTED_TYPES),
  pick: fc.nat(),
  void: fc.boolean(),
  value: fc.nat(),
});
export type AnyCorrection = typeof anyCorrection extends fc.Arbitrary<infer T> ? T : never;

/** The `CorrectFact` commands for `picks` over `events` (a fact may be corrected twice; the rules refuse some). */
export const correctionCommands = (
  events: readonly RecordedEvent[],
  picks: readonly AnyCorrection[],
  at: string,
): CommandInputEnvelope[] =>
  picks.flatMap((p, i) => {
    const ofType = events.filter((e) => e.type === p.type);
    const event = ofType[p.pick % ofType.length];
    if (event === undefined) return [];
    const fields = (
      AMEND[p.type] as (v: number, e: readonly RecordedEvent[]) => Record<string, unknown> | null
    )(p.value, events);
    const data =
      p.void || fields === null
        ? { stream: event.streamId, eventId: event.eventId, action: "void", reason: "recorded_twice" }
        : {
            stream: event.streamId,
            revision: event.revision,
            action: "amend",
            fields,
            reason: "typing_error",
          };
    return [
      {
        commandId: `fix-${at}-${i}`,
        type: "CorrectFact",
        occurredAt: at,
        actor: operator,
        data,
      } as CommandInputEnvelope,
    ];
  });

/**
 * The reference model of a corrected log: every fact as its latest correction left it (amended data, or left out
 * when voided), the corrections themselves left out — the history as it should have been recorded.
 */
export const asCorrected = (events: readonly RecordedEvent[]): RecordedEvent[] => {
  const latest = new Map<string, unknown>();
  for (const e of events) {
    if (e.type !== "FactCorrected") continue;
    const d = e.data as { correctedEventId: string; action: string; data: unknown };
    latest.set(d.correctedEventId, d.action === "void" ? null : d.data);
  }
  return events.flatMap((e) => {
    if (e.type === "FactCorrected") return [];
    if (!latest.has(e.eventId)) return [e];
    const data = latest.get(e.eventId);
    return data === null ? [] : [{ ...e, data: data as RecordedEvent["data"] }];
  });
};
