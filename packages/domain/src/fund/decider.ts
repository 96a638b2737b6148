import { type Decider, type DomainError, domainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import { type CorrectCommand, correctable } from "../corrections/correctable.js";
import type { FundEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import type { CommitmentPurpose, FundSource, ReleaseReason } from "../vocabulary/fund.js";

export interface Commitment {
  readonly source: FundSource;
  readonly purpose: CommitmentPurpose;
  readonly amountCents: number;
  readonly releasedCents: number;
}

/**
 * A year's commitments, in 256 buckets by a hash of the id: recording one copies a bucket and the bucket index,
 * not every commitment of the year, so a busy fund stream stays cheap to evolve.
 */
export type CommitmentBuckets = Readonly<Record<string, Readonly<Record<string, Commitment>>>>;

/** One budget year. Invariant: for every source, committed − released ≤ budget. */
export interface FundState {
  readonly year: number | null;
  readonly budgetCents: Readonly<Partial<Record<FundSource, number>>>;
  /** Committed and not released, by source. */
  readonly committedCents: Readonly<Partial<Record<FundSource, number>>>;
  readonly commitments: CommitmentBuckets;
  readonly commitmentCount: number;
}

export const initialFundState: FundState = {
  year: null,
  budgetCents: {},
  committedCents: {},
  commitments: {},
  commitmentCount: 0,
};

const bucketOf = (commitmentId: string): string => {
  let h = 0;
  for (let i = 0; i < commitmentId.length; i++) h = (Math.imul(h, 31) + commitmentId.charCodeAt(i)) | 0;
  return String(h & 255);
};

export const commitmentOf = (s: FundState, commitmentId: string): Commitment | undefined =>
  s.commitments[bucketOf(commitmentId)]?.[commitmentId];

const withCommitment = (
  buckets: CommitmentBuckets,
  commitmentId: string,
  commitment: Commitment,
): CommitmentBuckets => {
  const bucket = bucketOf(commitmentId);
  return { ...buckets, [bucket]: { ...buckets[bucket], [commitmentId]: commitment } };
};

export const availableCents = (s: FundState, source: FundSource): number =>
  (s.budgetCents[source] ?? 0) - (s.committedCents[source] ?? 0);

export type FundCommand =
  | {
      readonly kind: "AllocateBudget";
      readonly year: number;
      readonly source: FundSource;
      readonly amountCents: number;
      /** The configuration's fund sources: a budget comes from one of them. */
      readonly knownSources: readonly FundSource[];
    }
  | {
      readonly kind: "Commit";
      readonly year: number;
      readonly commitmentId: string;
      readonly source: FundSource;
      readonly purpose: CommitmentPurpose;
      readonly amountCents: number;
      readonly candidateId: string | null;
      readonly internshipId: string | null;
      readonly projectId: string | null;
    }
  | {
      readonly kind: "Release";
      readonly year: number;
      readonly commitmentId: string;
      readonly amountCents: number;
      readonly reason: ReleaseReason;
    };

const decide = (c: FundCommand, s: FundState): Either<DomainError, readonly FundEvent[]> => {
  if (s.year !== null && s.year !== c.year)
    return reject("fund-year-mismatch", `this is the fund of ${s.year}`);
  switch (c.kind) {
    case "AllocateBudget":
      if (!c.knownSources.includes(c.source)) {
        return reject("fund-source-unknown", `'${c.source}' is not a fund source of the programme`, {
          source: c.source,
          knownSources: [...c.knownSources],
        });
      }
      if (s.budgetCents[c.source] !== undefined) {
        return reject("budget-already-allocated", `the ${c.year} budget of ${c.source} is already allocated`);
      }
      return accept({
        type: "FundBudgetAllocated",
        data: { year: c.year, source: c.source, amountCents: c.amountCents },
      });
    case "Commit": {
      const existing = commitmentOf(s, c.commitmentId);
      if (existing !== undefined) {
        // The same commitment again is a retried command: nothing more to write.
        const same =
          existing.source === c.source &&
          existing.purpose === c.purpose &&
          existing.amountCents === c.amountCents;
        return same ? accept() : reject("commitment-already-exists", `commitment ${c.commitmentId} exists`);
      }
      const available = availableCents(s, c.source);
      if (c.amountCents > available) {
        return reject(
          "fund-over-commitment",
          `${c.source} ${c.year}: ${c.amountCents} cents requested, ${available} available`,
          {
            requestedCents: c.amountCents,
            availableCents: available,
          },
        );
      }
      return accept({
        type: "FundCommitted",
        data: {
          year: c.year,
          commitmentId: c.commitmentId,
          source: c.source,
          purpose: c.purpose,
          amountCents: c.amountCents,
          candidateId: c.candidateId,
          internshipId: c.internshipId,
          projectId: c.projectId,
        },
      });
    }
    case "Release": {
      const commitment = commitmentOf(s, c.commitmentId);
      if (commitment === undefined)
        return reject("commitment-not-found", `no commitment ${c.commitmentId} in ${c.year}`);
      const left = commitment.amountCents - commitment.releasedCents;
      if (c.amountCents > left) {
        return reject(
          "release-exceeds-commitment",
          `only ${left} cents of ${c.commitmentId} are still committed`,
          {
            requestedCents: c.amountCents,
            committedCents: left,
          },
        );
      }
      return accept({
        type: "FundCommitmentReleased",
        data: {
          year: c.year,
          commitmentId: c.commitmentId,
          source: commitment.source,
          amountCents: c.amountCents,
          reason: c.reason,
        },
      });
    }
  }
};

// Plain spreads, not immer: immer would copy and walk every commitment of the year on each event.
const evolve = (s: FundState, event: FundEvent): FundState => {
  if (event.type === "FactCorrected") return s;
  const d = event.data;
  switch (event.type) {
    case "FundBudgetAllocated":
      return {
        ...s,
        year: d.year,
        budgetCents: { ...s.budgetCents, [event.data.source]: event.data.amountCents },
      };
    case "FundCommitted": {
      const c = event.data;
      return {
        ...s,
        year: d.year,
        committedCents: {
          ...s.committedCents,
          [c.source]: (s.committedCents[c.source] ?? 0) + c.amountCents,
        },
        commitments: withCommitment(s.commitments, c.commitmentId, {
          source: c.source,
          purpose: c.purpose,
          amountCents: c.amountCents,
          releasedCents: 0,
        }),
        commitmentCount: s.commitmentCount + 1,
      };
    }
    case "FundCommitmentReleased": {
      const r = event.data;
      const commitment = commitmentOf(s, r.commitmentId);
      return {
        ...s,
        year: d.year,
        committedCents: {
          ...s.committedCents,
          [r.source]: (s.committedCents[r.source] ?? 0) - r.amountCents,
        },
        commitments:
          commitment === undefined
            ? s.commitments
            : withCommitment(s.commitments, r.commitmentId, {
                ...commitment,
                releasedCents: commitment.releasedCents + r.amountCents,
              }),
      };
    }
  }
};

/** The fund's invariant at every step: per source, committed − released ≤ budget; a release within its commitment. */
export const fundStepCheck = (s: FundState, e: FundEvent): DomainError | null => {
  switch (e.type) {
    case "FundCommitted": {
      const available = availableCents(s, e.data.source);
      return e.data.amountCents > available
        ? domainError(
            "fund-over-commitment",
            `${e.data.source} ${e.data.year}: commitment ${e.data.commitmentId} of ${e.data.amountCents} cents, ${available} available`,
            { requestedCents: e.data.amountCents, availableCents: available },
          )
        : null;
    }
    case "FundCommitmentReleased": {
      const commitment = commitmentOf(s, e.data.commitmentId);
      const left = commitment === undefined ? 0 : commitment.amountCents - commitment.releasedCents;
      return e.data.amountCents > left
        ? domainError(
            "release-exceeds-commitment",
            `only ${left} cents of ${e.data.commitmentId} are committed`,
          )
        : null;
    }
    case "FundBudgetAllocated":
      return s.budgetCents[e.data.source] === undefined
        ? null
        : domainError(
            "budget-already-allocated",
            `the ${e.data.year} budget of ${e.data.source} is allocated`,
          );
    case "FactCorrected":
      return null;
  }
};

/** The programme's fund, one stream per budget year (`fund-<year>`): commitments serialise on it. */
export const fundDecider: Decider<FundCommand | CorrectCommand, FundState, FundEvent> = correctable(
  { initialState: initialFundState, evolve, decide },
  fundStepCheck,
);
