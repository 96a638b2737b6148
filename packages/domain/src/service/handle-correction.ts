import type { CommandHandler, DomainEvent, RecordedEvent, Written } from "@insieme/kernel";
import { type CommandError, readStreamBatches } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { candidateDecider } from "../candidate/decider.js";
import { isOpen } from "../candidate/guards.js";
import type { CandidateState } from "../candidate/state.js";
import { correctFactIssues } from "../commands/correction-commands.js";
import type { Command } from "../commands/envelope.js";
import { type CorrectCommand, currentData } from "../corrections/correctable.js";
import { amendedData, CORRECTIONS } from "../corrections/rules.js";
import { domainRegistry } from "../events/registry.js";
import { reject } from "../rules.js";
import { companyStream, personStream, streamKindOf } from "../streams.js";
import type { ServiceContext, WriteContext } from "./context.js";
import { releasePerson, type Writes } from "./cross-stream.js";
import type { InsiemeError } from "./errors.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

interface Target {
  readonly eventId: string;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  /** The command that recorded it: the events one command wrote on several streams share it. */
  readonly causationId: string | null;
  /** The event's data as it stands: as recorded, or as its latest amendment left it. */
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * The event a correction names, read from its stream (by id or by revision), with its data as the stream's later
 * amendments of it left it (an amendment changes the fact as it stands, never an earlier version of it).
 */
const findTarget = async (
  ctx: ServiceContext,
  stream: string,
  by: { readonly eventId?: string | undefined; readonly revision?: number | undefined },
): Promise<Either<CommandError, Target | null>> =>
  findEvent(ctx, stream, (event) =>
    by.eventId !== undefined ? event.eventId === by.eventId : event.revision === by.revision,
  );

/** The first event of the stream `is` picks, with its data as the stream's later amendments of it left it. */
const findEvent = async (
  ctx: ServiceContext,
  stream: string,
  is: (event: RecordedEvent) => boolean,
): Promise<Either<CommandError, Target | null>> => {
  let found: Omit<Target, "data"> | null = null;
  let recorded: Readonly<Record<string, unknown>> = {};
  const corrections: DomainEvent[] = [];
  for await (const batch of readStreamBatches(ctx.store, stream)) {
    for (const event of batch) {
      if (found === null) {
        if (!is(event)) continue;
        const decoded = domainRegistry.decodeRecorded(event);
        if (E.isLeft(decoded)) return decoded;
        found = {
          eventId: event.eventId,
          revision: event.revision,
          type: decoded.right.type,
          occurredAt: event.occurredAt,
          causationId: event.causationId,
        };
        recorded = decoded.right.data as Readonly<Record<string, unknown>>;
      } else if (event.type === "FactCorrected") {
        const decoded = domainRegistry.decodeRecorded(event);
        if (E.isLeft(decoded)) return decoded;
        corrections.push(decoded.right);
      }
    }
  }
  return E.right(
    found === null ? null : { ...found, data: currentData(corrections, found.revision, recorded) },
  );
};

/** The correction as the stream's decider takes it, once the rules allow it. */
const correctionOf = (cmd: Of<"CorrectFact">, target: Target): Either<CommandError, CorrectCommand> => {
  const d = cmd.data;
  const rule = CORRECTIONS[target.type];
  if (rule === undefined)
    return reject(
      "correction-not-allowed",
      `${target.type} is not corrected: its own commands give it back`,
      {
        type: target.type,
      },
    );
  if (!rule.roles.includes(cmd.actor.role))
    return reject(
      "correction-role-not-allowed",
      `the role ${cmd.actor.role} may not correct ${target.type}`,
      {
        type: target.type,
        roles: [...rule.roles],
      },
    );
  const base = {
    kind: "Correct" as const,
    revision: target.revision,
    eventId: target.eventId,
    occurredAt: target.occurredAt,
    reason: d.reason,
    correctedBy: { id: cmd.actor.id, role: cmd.actor.role },
  };
  if (d.action === "void") {
    if (!rule.voidable)
      return reject("correction-void-not-allowed", `${target.type} is amended, not voided`, {
        type: target.type,
      });
    return E.right({ ...base, action: "void", data: null, fields: [] });
  }
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries((d.fields ?? {}) as Record<string, unknown>)) {
    // Own names only: "constructor" or "__proto__" sent as a field name is not a correctable field.
    const schema = Object.hasOwn(rule.fields, field) ? rule.fields[field] : undefined;
    if (schema === undefined)
      return reject(
        "correction-field-not-correctable",
        `${target.type}.${field} is not corrected by an amendment`,
        {
          field,
          correctable: Object.keys(rule.fields),
        },
      );
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      return reject(
        "correction-field-invalid",
        `${target.type}.${field}: ${parsed.error.issues[0]?.message ?? "invalid"}`,
        {
          field,
        },
      );
    patch[field] = parsed.data;
  }
  let data = amendedData(rule, target.data, patch);
  if (target.type === "FirstInterviewHeld") {
    const opensPath = data.outcome === "immediately_placeable" || data.outcome === "empowerment_path";
    if (opensPath && data.cv === null)
      return reject(
        "cv-required-for-outcome",
        `outcome ${String(data.outcome)} needs the "modello Insieme" CV`,
      );
    if (!opensPath) data = { ...data, cv: null };
  }
  if (
    target.type === "CandidateScreened" &&
    data.outcome === "not_in_target" &&
    data.notInTargetReason === null
  )
    return reject(
      "correction-field-invalid",
      "a screening not in target gives its reason (notInTargetReason)",
    );
  if (target.type === "CandidateScreened" && data.outcome !== "not_in_target")
    data = { ...data, notInTargetReason: null };
  const check = domainRegistry.encode({ type: target.type, data } as never);
  if (E.isLeft(check))
    return reject(
      "correction-field-invalid",
      `the corrected ${target.type} is not valid: ${check.left.message}`,
    );
  return E.right({ ...base, action: "amend", data, fields: Object.keys(patch) });
};

/** Runs a correction on a stream of any kind; the decider checks the corrected history. */
const runOn = async <S>(
  handler: CommandHandler<unknown, S, never>,
  stream: string,
  command: CorrectCommand,
  w: WriteContext,
): Promise<Either<CommandError, Written<never>>> => handler.run(stream, () => E.right(command), w);

/**
 * `CorrectFact`: the named event is read from its stream, the correction rules (role, field, voidable) are
 * applied, the stream's decider checks the corrected history (no skipped step, the fund never over-committed) and
 * writes `FactCorrected`. A candidate's case that the correction ends frees the person; one it re-opens takes the
 * person's open case again (refused with `person-has-open-case` when the person has another open case).
 */
export const correctFact = async (
  ctx: ServiceContext,
  cmd: Of<"CorrectFact">,
  w: WriteContext,
): Promise<Writes | Either<InsiemeError, never>> => {
  const issues = correctFactIssues(cmd.data);
  if (issues.length > 0) {
    const message = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    return E.left({ _tag: "InvalidCommand", message, issues });
  }
  const stream = cmd.data.stream;
  const kind = streamKindOf(stream);
  const target = await findTarget(ctx, stream, cmd.data);
  if (E.isLeft(target)) return target;
  if (target.right === null)
    return reject("correction-target-not-found", `no such event in ${stream}`, {
      stream,
      eventId: cmd.data.eventId,
      revision: cmd.data.revision,
    });
  const correction = correctionOf(cmd, target.right);
  if (E.isLeft(correction)) return correction;
  switch (kind) {
    case "company":
    case "project":
    case "fund": {
      const handler = (kind === "company"
        ? ctx.companies
        : kind === "project"
          ? ctx.projects
          : ctx.funds) as unknown as CommandHandler<unknown, unknown, never>;
      const written = await runOn(handler, stream, correction.right, w);
      return E.isLeft(written) ? written : E.right([written.right]);
    }
    case "candidate": {
      const written = await correctCandidate(ctx, stream, correction.right, w);
      if (E.isLeft(written) || target.right.type !== "CandidateHired" || correction.right.data === null)
        return written;
      const copy = await correctCompanyCopy(ctx, target.right, correction.right, w);
      if (E.isLeft(copy)) return copy;
      return E.right([...written.right, ...copy.right]);
    }
    default:
      return reject("correction-not-allowed", `the events of ${stream} are not corrected`);
  }
};

const correctCandidate = async (
  ctx: ServiceContext,
  stream: string,
  correction: CorrectCommand,
  w: WriteContext,
): Promise<Writes> => {
  const loaded = await ctx.candidates.load(stream);
  if (E.isLeft(loaded)) return loaded;
  const before: CandidateState = loaded.right.state;
  const decided = ctx.candidates.decide(correction, before);
  if (E.isLeft(decided)) return decided;
  const after = decided.right.reduce((s, e) => candidateDecider.evolve(s, e), before);
  const personKey = before.personKey;
  const candidateId = before.candidateId;
  if (personKey === null || candidateId === null)
    return reject("candidate-not-found", "the candidate has not applied");
  const reopens = !isOpen(before) && isOpen(after);
  const person = reopens ? await ctx.persons.load(personStream(personKey)) : null;
  if (person !== null) {
    if (E.isLeft(person)) return person;
    const open = ctx.persons.decide(
      { kind: "OpenCase", personId: before.personId ?? "", candidateId },
      person.right.state,
    );
    if (E.isLeft(open)) return open;
  }
  const written = await ctx.candidates.append(stream, loaded.right, decided.right, w);
  if (E.isLeft(written)) return written;
  if (reopens) {
    const opened = await ctx.persons.run(
      personStream(personKey),
      () => E.right({ kind: "OpenCase", personId: before.personId ?? "", candidateId }),
      w,
    );
    return E.isLeft(opened) ? opened : E.right([written.right, opened.right]);
  }
  if (isOpen(before) && !isOpen(after)) {
    const released = await releasePerson(ctx, personKey, candidateId, w);
    return E.isLeft(released) ? released : E.right([written.right, ...released.right]);
  }
  return E.right([written.right]);
};

/**
 * A hiring amended on the candidate's stream is amended on the company's copy too: the Board member's
 * `CompanyHiredCandidate` that the same `RecordHiring` command wrote (same causation id) gets a `FactCorrected`
 * made by the company's decider from the same correction (the same reason, actor and fields), written after the
 * candidate's as the hiring itself writes its two streams. Nothing for an employer outside the Board (no copy).
 */
const correctCompanyCopy = async (
  ctx: ServiceContext,
  hiring: Target,
  correction: CorrectCommand,
  w: WriteContext,
): Promise<Writes> => {
  const companyId = hiring.data.companyId;
  const candidateId = hiring.data.candidateId;
  if (typeof companyId !== "string" || hiring.causationId === null || correction.data === null)
    return E.right([]);
  const stream = companyStream(companyId);
  const copy = await findEvent(
    ctx,
    stream,
    (e) =>
      e.type === "CompanyHiredCandidate" &&
      e.causationId === hiring.causationId &&
      (e.data as { readonly candidateId?: unknown }).candidateId === candidateId,
  );
  if (E.isLeft(copy)) return copy;
  const found = copy.right;
  if (found === null) return E.right([]);
  const fields = correction.fields.filter((f) => f in found.data);
  const patch = Object.fromEntries(fields.map((f) => [f, correction.data?.[f]]));
  const written = await runOn(
    ctx.companies as unknown as CommandHandler<unknown, unknown, never>,
    stream,
    {
      ...correction,
      revision: found.revision,
      eventId: found.eventId,
      occurredAt: found.occurredAt,
      data: { ...found.data, ...patch },
      fields,
    },
    w,
  );
  return E.isLeft(written) ? written : E.right([written.right]);
};
