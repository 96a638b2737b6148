import type { Decider, DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import { produce } from "immer";
import type { FundEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import type { CommitmentPurpose, FundSource, ReleaseReason } from "../vocabulary/fund.js";

export interface Commitment {
  readonly source: FundSource;
  readonly purpose: CommitmentPurpose;
  readonly amountCents: number;
  readonly releasedCents: number;
}

/** One budget year. Invariant: for every source, committed − released ≤ budget. */
export interface FundState {
  readonly year: number | null;
  readonly budgetCents: Readonly<Partial<Record<FundSource, number>>>;
  /** Committed and not released, by source. */
  readonly committedCents: Readonly<Partial<Record<FundSource, number>>>;
  readonly commitments: Readonly<Record<string, Commitment>>;
}

export const initialFundState: FundState = {
  year: null,
  budgetCents: {},
  committedCents: {},
  commitments: {},
};

export const availableCents = (s: FundState, source: FundSource): number =>
  (s.budgetCents[source] ?? 0) - (s.committedCents[source] ?? 0);

export type FundCommand =
  | {
      readonly kind: "AllocateBudget";
      readonly year: number;
      readonly source: FundSource;
      readonly amountCents: number;
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
      if (s.budgetCents[c.source] !== undefined) {
        return reject("budget-already-allocated", `the ${c.year} budget of ${c.source} is already allocated`);
      }
      return accept({
        type: "FundBudgetAllocated",
        data: { year: c.year, source: c.source, amountCents: c.amountCents },
      });
    case "Commit": {
      const existing = s.commitments[c.commitmentId];
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
      const commitment = s.commitments[c.commitmentId];
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

const evolve = (state: FundState, event: FundEvent): FundState =>
  produce(state, (s) => {
    s.year = event.data.year;
    switch (event.type) {
      case "FundBudgetAllocated":
        s.budgetCents[event.data.source] = event.data.amountCents;
        return;
      case "FundCommitted":
        s.committedCents[event.data.source] =
          (s.committedCents[event.data.source] ?? 0) + event.data.amountCents;
        s.commitments[event.data.commitmentId] = {
          source: event.data.source,
          purpose: event.data.purpose,
          amountCents: event.data.amountCents,
          releasedCents: 0,
        };
        return;
      case "FundCommitmentReleased": {
        s.committedCents[event.data.source] =
          (s.committedCents[event.data.source] ?? 0) - event.data.amountCents;
        const commitment = s.commitments[event.data.commitmentId];
        if (commitment !== undefined) commitment.releasedCents += event.data.amountCents;
        return;
      }
    }
  });

/** The programme's fund, one stream per budget year (`fund-<year>`): commitments serialise on it. */
export const fundDecider: Decider<FundCommand, FundState, FundEvent> = {
  initialState: initialFundState,
  evolve,
  decide,
};
