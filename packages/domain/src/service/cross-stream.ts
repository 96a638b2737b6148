import type { CommandError, Written } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { CompanyState } from "../company/decider.js";
import type { InsiemeEvent } from "../events/registry.js";
import type { FundCommand } from "../fund/decider.js";
import { companyStream, fundStream, personStream } from "../streams.js";
import type { ServiceContext, WriteContext } from "./context.js";

export type Writes = Either<CommandError, readonly Written<InsiemeEvent>[]>;

export const companyState = async (
  ctx: ServiceContext,
  companyId: string,
): Promise<Either<CommandError, CompanyState>> => {
  const loaded = await ctx.companies.load(companyStream(companyId));
  return E.isLeft(loaded) ? loaded : E.right(loaded.right.state);
};

/** Frees the person-uniqueness stream when a case ends; a case already freed is not an error. */
export const releasePerson = async (
  ctx: ServiceContext,
  personKey: string | null,
  candidateId: string,
  w: WriteContext,
): Promise<Either<CommandError, readonly Written<InsiemeEvent>[]>> => {
  if (personKey === null) return E.right([]);
  const written = await ctx.persons.run(
    personStream(personKey),
    () => E.right({ kind: "CloseCase", candidateId }),
    w,
  );
  if (E.isLeft(written)) {
    return written.left._tag === "DomainError" && written.left.rule === "person-case-not-open"
      ? E.right([])
      : written;
  }
  return E.right([written.right]);
};

/** Commits on the fund of `year`; the fund stream's expected revision serialises concurrent commitments. */
export const commitFund = (
  ctx: ServiceContext,
  command: Extract<FundCommand, { kind: "Commit" }>,
  w: WriteContext,
) => ctx.funds.run(fundStream(command.year), () => E.right(command), w);

/** Gives back a commitment whose purpose could not be recorded (compensation after a concurrent write). */
export const compensateCommitment = async (
  ctx: ServiceContext,
  year: number,
  commitmentId: string,
  amountCents: number,
  w: WriteContext,
): Promise<void> => {
  if (amountCents === 0) return;
  await ctx.funds.run(
    fundStream(year),
    () => E.right({ kind: "Release", year, commitmentId, amountCents, reason: "other" }),
    w,
  );
};
