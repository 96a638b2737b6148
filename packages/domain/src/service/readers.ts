import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import type { CommandActor } from "../commands/envelope.js";
import type { CompanyState } from "../company/decider.js";
import { availableCents, type FundState } from "../fund/decider.js";
import { PersonalData, type Unsealed } from "../personal-data/personal-data.js";
import { unseal } from "../personal-data/seal.js";
import type { ProjectState } from "../project/decider.js";
import { reject } from "../rules.js";
import { candidateStream, companyStream, fundStream, projectStream } from "../streams.js";
import type { FundSource } from "../vocabulary/fund.js";
import type { ServiceContext } from "./context.js";
import type { InsiemeError } from "./errors.js";
import { type CandidateView, pseudonymous } from "./views.js";

export interface FundView extends FundState {
  readonly availableCents: Readonly<Record<FundSource, number>>;
}

/** The read side of the service: each stream's state as the viewer's role may see it, read fresh from the store. */
/** Sealed data opened with the person's key, or `erased` once the key is destroyed. */
export const openSealed = async <T>(
  ctx: ServiceContext,
  personId: string,
  sealed: Parameters<typeof unseal>[1],
  parse: (v: unknown) => T | undefined,
): Promise<Unsealed<T>> => {
  const key = await ctx.vault.existingKey(personId);
  const value = key === null ? undefined : parse(unseal(key, sealed));
  return value === undefined ? { erased: true } : { erased: false, value };
};

/** The person's identifying data, opened. */
export const parsePersonal = (v: unknown): PersonalData | undefined => {
  const parsed = PersonalData.safeParse(v);
  return parsed.success ? parsed.data : undefined;
};

/** A note's text, opened. */
export const parseNote = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export const createReaders = (ctx: ServiceContext) => {
  const open = <T>(
    personId: string,
    sealed: Parameters<typeof unseal>[1],
    parse: (v: unknown) => T | undefined,
  ): Promise<Unsealed<T>> => openSealed(ctx, personId, sealed, parse);

  const readCandidate = async (
    candidateId: string,
    viewer: CommandActor,
  ): Promise<Either<InsiemeError, CandidateView>> => {
    const loaded = await ctx.candidates.load(candidateStream(candidateId));
    if (E.isLeft(loaded)) return loaded;
    const state = loaded.right.state;
    if (state.status === "none" || state.personId === null || state.personal === null) {
      return reject("candidate-not-found", `no candidate ${candidateId}`);
    }
    const personId = state.personId;
    switch (viewer.role) {
      case "company": {
        const proposed = Object.values(state.proposals).some((p) => p.companyId === viewer.companyId);
        const cv = state.interview?.cv ?? null;
        if (!proposed || cv === null) {
          return reject(
            "candidate-not-proposed-to-company",
            "a company sees only the CV of candidates proposed to it",
          );
        }
        return E.right({ view: "cv", candidateId, cv });
      }
      case "auditor":
        return E.right({
          view: "pseudonymous",
          candidateId,
          personId,
          status: state.status,
          state: pseudonymous(state),
        });
      default: {
        const personal = await open(personId, state.personal, parsePersonal);
        const notes = [];
        for (const n of state.notes) {
          notes.push({
            noteId: n.noteId,
            text: await open(personId, n.note, parseNote),
          });
        }
        return E.right({
          view: "case",
          candidateId,
          personId,
          status: state.status,
          state: pseudonymous(state),
          personal,
          notes,
        });
      }
    }
  };

  const readCompany = async (
    companyId: string,
    viewer: CommandActor,
  ): Promise<Either<InsiemeError, CompanyState>> => {
    if (viewer.role === "company" && viewer.companyId !== companyId) {
      return reject("company-acts-only-for-itself", "a company reads only its own record");
    }
    const loaded = await ctx.companies.load(companyStream(companyId));
    if (E.isLeft(loaded)) return loaded;
    if (loaded.right.state.status === "none") return reject("company-not-found", `no company ${companyId}`);
    return E.right(loaded.right.state);
  };

  const readProject = async (
    projectId: string,
    viewer: CommandActor,
  ): Promise<Either<InsiemeError, ProjectState>> => {
    if (viewer.role === "company") return reject("role-not-allowed", "companies do not read projects");
    const loaded = await ctx.projects.load(projectStream(projectId));
    if (E.isLeft(loaded)) return loaded;
    if (loaded.right.state.status === "none") return reject("project-not-found", `no project ${projectId}`);
    return E.right(loaded.right.state);
  };

  const readFund = async (year: number, viewer: CommandActor): Promise<Either<InsiemeError, FundView>> => {
    if (viewer.role === "company") return reject("role-not-allowed", "companies do not read the fund");
    const loaded = await ctx.funds.load(fundStream(year));
    if (E.isLeft(loaded)) return loaded;
    const s = loaded.right.state;
    return E.right({
      ...s,
      availableCents: {
        comune_bologna: availableCents(s, "comune_bologna"),
        arcidiocesi: availableCents(s, "arcidiocesi"),
      },
    });
  };

  return { readCandidate, readCompany, readProject, readFund };
};
