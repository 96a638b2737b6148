import type { CommandError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { checkApplication } from "../candidate/application.js";
import type { CandidateCommand } from "../candidate/commands.js";
import type { CandidateState } from "../candidate/state.js";
import type { Command } from "../commands/envelope.js";
import { profileInForce } from "../fragility/profile.js";
import { personKeyOf } from "../personal-data/person-key.js";
import { seal } from "../personal-data/seal.js";
import { reject } from "../rules.js";
import {
  candidateStream,
  companyStream,
  personIndexStream,
  personStream,
  projectStream,
} from "../streams.js";
import type { ServiceContext, WriteContext } from "./context.js";
import { companyState, releasePerson, type Writes } from "./cross-stream.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

const MAX_RETRIES = 5;

/** A candidate command that needs nothing from other streams. */
export const simpleCandidateCommand = async (
  ctx: ServiceContext,
  candidateId: string,
  command: CandidateCommand,
  w: WriteContext,
): Promise<Writes> => {
  const written = await ctx.candidates.run(candidateStream(candidateId), () => E.right(command), w);
  return E.isLeft(written) ? written : E.right([written.right]);
};

export const submitApplication = async (
  ctx: ServiceContext,
  cmd: Of<"SubmitApplication">,
  w: WriteContext,
): Promise<Writes> => {
  const d = cmd.data;
  const personKey = personKeyOf(ctx.hmacKey, d.personal.codiceFiscale);
  const cStream = candidateStream(d.candidateId);
  const pStream = personStream(personKey);
  const appliedOn = cmd.occurredAt.slice(0, 10);
  for (let attempt = 0; ; attempt++) {
    const candidate = await ctx.candidates.load(cStream, attempt > 0);
    if (E.isLeft(candidate)) return candidate;
    const rules = w.configuration.rules;
    const refused = checkApplication(
      candidate.right.state,
      { appliedOn, channel: d.channel, birthYear: d.birthYear, residence: d.residence },
      rules,
    );
    if (refused !== null) return refused as Either<CommandError, never>;
    const person = await ctx.persons.load(pStream, attempt > 0);
    if (E.isLeft(person)) return person;
    const personId = person.right.state.personId ?? ctx.ids.next();
    const opened = ctx.persons.decide(
      { kind: "OpenCase", personId, candidateId: d.candidateId },
      person.right.state,
    );
    if (E.isLeft(opened)) return opened;
    const personal = seal(await ctx.vault.keyFor(personId), personId, d.personal);
    const applied = ctx.candidates.decide(
      {
        kind: "Apply",
        candidateId: d.candidateId,
        appliedOn,
        personId,
        personKey,
        channel: d.channel,
        referrer: d.referrer,
        birthYear: d.birthYear,
        gender: d.gender,
        educationLevel: d.educationLevel,
        citizenship: d.citizenship,
        residence: d.residence,
        unemploymentDuration: d.unemploymentDuration,
        economicCondition: d.economicCondition,
        personal,
        rules,
      },
      candidate.right.state,
    );
    if (E.isLeft(applied)) return applied;
    const personWritten = await ctx.persons.append(pStream, person.right, opened.right, w);
    if (E.isLeft(personWritten)) {
      if (personWritten.left._tag === "WrongExpectedRevision" && attempt < MAX_RETRIES) continue;
      return personWritten;
    }
    // A new person: their index entry leads from the person id to this person stream.
    const indexed =
      person.right.state.personId === null
        ? await ctx.personIndex.run(
            personIndexStream(personId),
            () => E.right({ kind: "Identify", personId, personKey }),
            w,
          )
        : null;
    if (indexed !== null && E.isLeft(indexed)) {
      if (opened.right.length > 0) await releasePerson(ctx, personKey, d.candidateId, w);
      return indexed;
    }
    const candidateWritten = await ctx.candidates.append(cStream, candidate.right, applied.right, w);
    if (E.isLeft(candidateWritten)) {
      // Another command created this candidate meanwhile: free the person again.
      if (opened.right.length > 0) await releasePerson(ctx, personKey, d.candidateId, w);
      return candidateWritten;
    }
    return E.right([
      personWritten.right,
      candidateWritten.right,
      ...(indexed === null ? [] : [indexed.right]),
    ]);
  }
};

/** Runs a candidate command, then frees the person when the command ended the case. */
const candidateCommandEndingCase = async (
  ctx: ServiceContext,
  candidateId: string,
  build: (state: CandidateState) => Either<CommandError, CandidateCommand>,
  w: WriteContext,
): Promise<Writes> => {
  let before: CandidateState | undefined;
  const written = await ctx.candidates.run(
    candidateStream(candidateId),
    (state) => {
      before = state;
      return build(state);
    },
    w,
  );
  if (E.isLeft(written)) return written;
  const ended = written.right.events.some(
    (e) =>
      e.type === "CaseClosed" ||
      e.type === "CandidateWithdrew" ||
      (e.type === "CandidateScreened" && e.data.outcome !== "in_target") ||
      (e.type === "FirstInterviewHeld" &&
        (e.data.outcome === "withdrawn" || e.data.outcome === "referred_elsewhere")),
  );
  if (!ended) return E.right([written.right]);
  const released = await releasePerson(ctx, before?.personKey ?? null, candidateId, w);
  return E.isLeft(released) ? released : E.right([written.right, ...released.right]);
};

export const screenCandidate = (
  ctx: ServiceContext,
  cmd: Of<"ScreenCandidate">,
  w: WriteContext,
): Promise<Writes> => {
  const date = cmd.occurredAt.slice(0, 10);
  const rules = w.configuration.rules;
  const profile = profileInForce(rules.fragilityProfiles, date);
  if (profile === undefined) {
    return Promise.resolve(
      reject("no-fragility-profile-in-force", `no fragility profile is in force on ${date}`),
    );
  }
  return candidateCommandEndingCase(
    ctx,
    cmd.data.candidateId,
    () =>
      E.right({
        kind: "Screen",
        inOtherActiveMeasure: cmd.data.inOtherActiveMeasure,
        scores: cmd.data.scores,
        profile,
        rules,
      }),
    w,
  );
};

export const recordFirstInterview = (
  ctx: ServiceContext,
  cmd: Of<"RecordFirstInterview">,
  w: WriteContext,
): Promise<Writes> =>
  candidateCommandEndingCase(
    ctx,
    cmd.data.candidateId,
    () =>
      E.right({
        kind: "HoldFirstInterview",
        heldOn: cmd.occurredAt.slice(0, 10),
        outcome: cmd.data.outcome,
        transversalSkills: cmd.data.transversalSkills,
        cv: cmd.data.cv,
      }),
    w,
  );

export const closeCase = (ctx: ServiceContext, cmd: Of<"CloseCase">, w: WriteContext): Promise<Writes> =>
  candidateCommandEndingCase(
    ctx,
    cmd.data.candidateId,
    () => E.right({ kind: "CloseCase", reason: cmd.data.reason }),
    w,
  );

export const recordWithdrawal = (
  ctx: ServiceContext,
  cmd: Of<"RecordWithdrawal">,
  w: WriteContext,
): Promise<Writes> =>
  candidateCommandEndingCase(
    ctx,
    cmd.data.candidateId,
    () => E.right({ kind: "Withdraw", withdrawnOn: cmd.occurredAt.slice(0, 10), reason: cmd.data.reason }),
    w,
  );

export const recordContractEnd = (
  ctx: ServiceContext,
  cmd: Of<"RecordContractEnd">,
  w: WriteContext,
): Promise<Writes> =>
  simpleCandidateCommand(
    ctx,
    cmd.data.candidateId,
    {
      kind: "EndContract",
      companyId: cmd.data.companyId,
      endedOn: cmd.occurredAt.slice(0, 10),
      reason: cmd.data.reason,
    },
    w,
  );

export const recordFollowUp = (
  ctx: ServiceContext,
  cmd: Of<"RecordFollowUp">,
  w: WriteContext,
): Promise<Writes> =>
  simpleCandidateCommand(
    ctx,
    cmd.data.candidateId,
    {
      kind: "RecordFollowUp",
      companyId: cmd.data.companyId,
      contactedOn: cmd.occurredAt.slice(0, 10),
      milestone: cmd.data.milestone,
      employmentStatus: cmd.data.employmentStatus,
    },
    w,
  );

export const proposePlacement = async (
  ctx: ServiceContext,
  cmd: Of<"ProposePlacement">,
  w: WriteContext,
): Promise<Writes> => {
  const d = cmd.data;
  const company = await companyState(ctx, d.companyId);
  if (E.isLeft(company)) return company;
  return simpleCandidateCommand(
    ctx,
    d.candidateId,
    {
      kind: "ProposePlacement",
      proposalId: d.proposalId,
      companyId: d.companyId,
      opportunityId: d.opportunityId,
      companyInBoard: company.right.status === "in_board",
      hostRule:
        w.configuration.rules.hosts.internship === "any_company" ||
        w.configuration.rules.hosts.hiring === "any_company"
          ? "any_company"
          : "board_members",
      opportunityOffered:
        d.opportunityId === null || company.right.opportunities[d.opportunityId] !== undefined,
    },
    w,
  );
};

/**
 * Hirings recorded in the person's other cases (the person stream, keyed by the hash of the codice fiscale, lists
 * them): a placement is `first_time` for the person, not for the case.
 */
const hiresInEarlierCases = async (
  ctx: ServiceContext,
  candidateId: string,
): Promise<Either<CommandError, number>> => {
  const candidate = await ctx.candidates.load(candidateStream(candidateId));
  if (E.isLeft(candidate)) return candidate;
  const personKey = candidate.right.state.personKey;
  if (personKey === null) return E.right(0);
  const person = await ctx.persons.load(personStream(personKey));
  if (E.isLeft(person)) return person;
  let hires = 0;
  for (const other of person.right.state.candidateIds) {
    if (other === candidateId) continue;
    const earlier = await ctx.candidates.load(candidateStream(other));
    if (E.isLeft(earlier)) return earlier;
    hires += earlier.right.state.hires.length;
  }
  return E.right(hires);
};

export const recordHiring = async (
  ctx: ServiceContext,
  cmd: Of<"RecordHiring">,
  w: WriteContext,
): Promise<Writes> => {
  const d = cmd.data;
  const company = await companyState(ctx, d.companyId);
  if (E.isLeft(company)) return company;
  const earlierHires = await hiresInEarlierCases(ctx, d.candidateId);
  if (E.isLeft(earlierHires)) return earlierHires;
  const hired = await ctx.candidates.run(
    candidateStream(d.candidateId),
    () =>
      E.right({
        kind: "Hire",
        companyId: d.companyId,
        hiredOn: cmd.occurredAt.slice(0, 10),
        proposalId: d.proposalId,
        internshipId: d.internshipId,
        contractType: d.contractType,
        companyInBoard: company.right.status === "in_board",
        hostRule: w.configuration.rules.hosts.hiring,
        earlierHires: earlierHires.right,
      }),
    w,
  );
  if (E.isLeft(hired)) return hired;
  const event = hired.right.events.find((e) => e.type === "CandidateHired");
  // The Board's own record counts its members' hirings only: another employer's is the candidate's alone.
  if (event?.type !== "CandidateHired" || company.right.status !== "in_board") return E.right([hired.right]);
  const recorded = await ctx.companies.run(
    companyStream(d.companyId),
    () =>
      E.right({
        kind: "RecordHire",
        candidateId: d.candidateId,
        contractType: d.contractType,
        placementOrder: event.data.placementOrder,
      }),
    w,
  );
  return E.isLeft(recorded) ? recorded : E.right([hired.right, recorded.right]);
};

export const linkProject = async (
  ctx: ServiceContext,
  cmd: Of<"LinkProject">,
  w: WriteContext,
): Promise<Writes> => {
  const project = await ctx.projects.load(projectStream(cmd.data.projectId));
  if (E.isLeft(project)) return project;
  return simpleCandidateCommand(
    ctx,
    cmd.data.candidateId,
    { kind: "LinkProject", projectId: cmd.data.projectId, projectKind: project.right.state.kind },
    w,
  );
};

export const recordCaseNote = async (
  ctx: ServiceContext,
  cmd: Of<"RecordCaseNote">,
  w: WriteContext,
): Promise<Writes> => {
  const loaded = await ctx.candidates.load(candidateStream(cmd.data.candidateId));
  if (E.isLeft(loaded)) return loaded;
  const personId = loaded.right.state.personId;
  if (personId === null) return reject("candidate-not-found", "the candidate has not applied");
  const key = await ctx.vault.existingKey(personId);
  if (key === null)
    return reject("personal-data-erased", "the person's data was erased: no new personal data is recorded");
  const note = seal(key, personId, cmd.data.text);
  return simpleCandidateCommand(
    ctx,
    cmd.data.candidateId,
    { kind: "RecordNote", noteId: cmd.data.noteId, note },
    w,
  );
};
