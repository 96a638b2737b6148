import { type CommandError, readStreamBatches } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { Command } from "../commands/envelope.js";
import { reject } from "../rules.js";
import { candidateStream, personStream } from "../streams.js";
import type { ServiceContext, WriteContext } from "./context.js";
import type { Writes } from "./cross-stream.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

/** The date of the candidate's latest `CaseClosed` (the closing a re-opening undoes), read from its own stream. */
const lastClosedOn = async (
  ctx: ServiceContext,
  stream: string,
): Promise<Either<CommandError, string | null>> => {
  let closedOn: string | null = null;
  for await (const batch of readStreamBatches(ctx.store, stream)) {
    for (const recorded of batch)
      if (recorded.type === "CaseClosed") closedOn = recorded.occurredAt.slice(0, 10);
  }
  return E.right(closedOn);
};

/**
 * `ReopenCase`: a closed case is re-opened within the configuration's `reopening.reopenWithinDays` (the version in
 * force on the command's date) of its closing, and takes the person's open case again: refused with
 * `person-has-open-case` (nothing written) when the person has opened another case meanwhile.
 */
export const reopenCase = async (
  ctx: ServiceContext,
  cmd: Of<"ReopenCase">,
  w: WriteContext,
): Promise<Writes> => {
  const stream = candidateStream(cmd.data.candidateId);
  const loaded = await ctx.candidates.load(stream);
  if (E.isLeft(loaded)) return loaded;
  const before = loaded.right.state;
  const closedOn = await lastClosedOn(ctx, stream);
  if (E.isLeft(closedOn)) return closedOn;
  const decided = ctx.candidates.decide(
    {
      kind: "Reopen",
      reason: cmd.data.reason,
      closedOn: closedOn.right,
      reopenedOn: cmd.occurredAt.slice(0, 10),
      withinDays: w.configuration.rules.reopening.reopenWithinDays,
    },
    before,
  );
  if (E.isLeft(decided)) return decided;
  const personKey = before.personKey;
  const candidateId = before.candidateId;
  if (personKey === null || candidateId === null || before.personId === null)
    return reject("candidate-not-found", "the candidate has not applied");
  const open = { kind: "OpenCase" as const, personId: before.personId, candidateId };
  const person = await ctx.persons.load(personStream(personKey));
  if (E.isLeft(person)) return person;
  const allowed = ctx.persons.decide(open, person.right.state);
  if (E.isLeft(allowed)) return allowed;
  const written = await ctx.candidates.append(stream, loaded.right, decided.right, w);
  if (E.isLeft(written)) return written;
  const opened = await ctx.persons.run(personStream(personKey), () => E.right(open), w);
  return E.isLeft(opened) ? opened : E.right([written.right, opened.right]);
};
