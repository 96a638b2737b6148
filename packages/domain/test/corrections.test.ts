import {
  type CandidateEvent,
  type CorrectCommand,
  candidateDecider,
  type FundEvent,
  fundDecider,
} from "@insieme/domain";
import { deciderSpec } from "@insieme/testing";
import { describe, expect, it } from "vitest";
import { activeCandidate, applied, interviewed, screened } from "./support/events.js";

const candidate = deciderSpec(candidateDecider);
const fund = deciderSpec(fundDecider);

const by = { id: "op-1", role: "operator" };

const correct = (
  revision: number,
  action: "amend" | "void",
  data: Record<string, unknown> | null,
  fields: string[] = [],
): CorrectCommand => ({
  kind: "Correct",
  revision,
  eventId: `ev-${revision}`,
  occurredAt: "2018-03-05T09:00:00.000Z",
  action,
  data,
  fields,
  reason: "typing_error",
  correctedBy: by,
});

const corrected = (
  revision: number,
  correctedType: string,
  action: "amend" | "void",
  data: Record<string, unknown> | null,
  fields: string[] = [],
  previousData: Record<string, unknown> | null = null,
) =>
  ({
    type: "FactCorrected",
    data: {
      correctedEventId: `ev-${revision}`,
      correctedRevision: revision,
      correctedType,
      action,
      data,
      ...(previousData === null ? {} : { previousData, correctedOccurredAt: "2018-03-05T09:00:00.000Z" }),
      fields,
      reason: "typing_error",
      correctedBy: by,
    },
  }) as CandidateEvent;

const notInTarget = screened("not_in_target").data as Record<string, unknown>;

describe("corrections of a candidate's facts", () => {
  it("given a screening in target, when it is amended to not in target, then FactCorrected is written and the case ends", () => {
    const data = { ...notInTarget, notInTargetReason: "outside_metro_area" };
    candidate
      .given([applied(), screened()])
      .when(correct(1, "amend", data, ["outcome"]))
      .thenEmits([
        corrected(
          1,
          "CandidateScreened",
          "amend",
          data,
          ["outcome"],
          screened().data as Record<string, unknown>,
        ),
      ]);
    const state = [
      applied(),
      screened(),
      corrected(1, "CandidateScreened", "amend", data, ["outcome"]),
    ].reduce(candidateDecider.evolve, candidateDecider.initialState);
    expect(state.status).toBe("out_of_target");
  });

  it("correction-skips-step: a screening cannot be voided once the interview it led to was held", () =>
    candidate
      .given(activeCandidate)
      .when(correct(1, "void", null))
      .thenRejects("correction-skips-step"));

  it("correction-skips-step: the in-target screening before an interview cannot become not in target", () =>
    candidate
      .given(activeCandidate)
      .when(correct(1, "amend", { ...notInTarget, notInTargetReason: "outside_metro_area" }, ["outcome"]))
      .thenRejects("correction-skips-step"));

  it("given an interview voided, the candidate is back in target and may be interviewed again", () => {
    const events = [...activeCandidate, corrected(2, "FirstInterviewHeld", "void", null)];
    const state = events.reduce(candidateDecider.evolve, candidateDecider.initialState);
    expect(state.status).toBe("in_target");
    candidate
      .given(events)
      .when({
        kind: "HoldFirstInterview",
        heldOn: "2018-03-12",
        outcome: "no_show",
        transversalSkills: [],
        cv: null,
      })
      .thenEmits([
        {
          type: "FirstInterviewHeld",
          data: { ...(interviewed("no_show", "2018-03-12").data as object), daysFromApplication: 11 },
        } as CandidateEvent,
      ]);
  });

  it("correction-target-not-found", () =>
    candidate
      .given([applied()])
      .when(correct(5, "void", null))
      .thenRejects("correction-target-not-found"));

  it("correction-of-a-correction", () =>
    candidate
      .given([...activeCandidate, corrected(2, "FirstInterviewHeld", "void", null)])
      .when(correct(3, "void", null))
      .thenRejects("correction-of-a-correction"));

  it("correction-target-voided: a voided fact is not corrected again", () =>
    candidate
      .given([...activeCandidate, corrected(2, "FirstInterviewHeld", "void", null)])
      .when(correct(2, "void", null))
      .thenRejects("correction-target-voided"));

  it("a later correction of the same fact replaces the earlier one", () => {
    const first = { ...notInTarget, notInTargetReason: "outside_metro_area" };
    const events = [
      applied(),
      screened(),
      corrected(1, "CandidateScreened", "amend", first, ["outcome"]),
      corrected(1, "CandidateScreened", "amend", screened().data as Record<string, unknown>, ["outcome"]),
    ];
    expect(events.reduce(candidateDecider.evolve, candidateDecider.initialState).status).toBe("in_target");
  });

  it("given an amended screening, when it is amended again, then FactCorrected carries the earlier amendment as previousData", () => {
    const first = { ...notInTarget, notInTargetReason: "outside_metro_area" };
    const second = { ...notInTarget, notInTargetReason: "other" };
    candidate
      .given([applied(), screened(), corrected(1, "CandidateScreened", "amend", first, ["outcome"])])
      .when(correct(1, "amend", second, ["notInTargetReason"]))
      .thenEmits([corrected(1, "CandidateScreened", "amend", second, ["notInTargetReason"], first)]);
  });
});

describe("corrections of the fund", () => {
  const allocated = (amountCents: number): FundEvent => ({
    type: "FundBudgetAllocated",
    data: { year: 2018, source: "comune_bologna", amountCents },
  });
  const committed: FundEvent = {
    type: "FundCommitted",
    data: {
      year: 2018,
      commitmentId: "c1",
      source: "comune_bologna",
      purpose: "internship",
      amountCents: 800_000,
      candidateId: "cand-1",
      internshipId: "t1",
      projectId: null,
    },
  };
  const amendBudget = (amountCents: number): CorrectCommand => ({
    kind: "Correct",
    revision: 0,
    eventId: "ev-0",
    occurredAt: "2018-01-10T09:00:00.000Z",
    action: "amend",
    data: { year: 2018, source: "comune_bologna", amountCents },
    fields: ["amountCents"],
    reason: "typing_error",
    correctedBy: { id: "ref-1", role: "technical_referent" },
  });

  it("given a mistyped budget, when it is amended, then the fund has the corrected budget", () => {
    const correction = {
      type: "FactCorrected",
      data: {
        correctedEventId: "ev-0",
        correctedRevision: 0,
        correctedType: "FundBudgetAllocated",
        action: "amend",
        data: { year: 2018, source: "comune_bologna", amountCents: 1_000_000 },
        previousData: { year: 2018, source: "comune_bologna", amountCents: 100_000_000 },
        correctedOccurredAt: "2018-01-10T09:00:00.000Z",
        fields: ["amountCents"],
        reason: "typing_error",
        correctedBy: { id: "ref-1", role: "technical_referent" },
      },
    } as FundEvent;
    fund
      .given([allocated(100_000_000), committed])
      .when(amendBudget(1_000_000))
      .thenEmits([correction]);
    const state = [allocated(100_000_000), committed, correction].reduce(
      fundDecider.evolve,
      fundDecider.initialState,
    );
    expect(state.budgetCents.comune_bologna).toBe(1_000_000);
    expect(state.committedCents.comune_bologna).toBe(800_000);
  });

  it("fund-over-commitment: a budget corrected below what is committed is refused", () =>
    fund
      .given([allocated(1_000_000), committed])
      .when(amendBudget(500_000))
      .thenRejects("fund-over-commitment"));
});
