/**
 * The candidate-path workload, the same on both sides of the comparison with Emmett: N candidates, each one
 * stream taken through five commands (apply, screen, first interview, social-services check, placement), then a
 * replay of every stream. The decider is pure and shared; each side runs it through its own command handler.
 */
import { type DomainError, defineEvent, domainError, type EventOf, EventRegistry } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const pathEvents = [
  defineEvent(
    "CandidateApplied",
    z.object({ candidateId: z.string().min(1), municipality: z.string().min(1), appliedOn: day }),
  ),
  defineEvent("CandidateScreened", z.object({ score: z.number().int().min(0).max(100) })),
  defineEvent("FirstInterviewHeld", z.object({ heldOn: day })),
  defineEvent("SocialServicesChecked", z.object({ known: z.boolean() })),
  defineEvent("CandidatePlaced", z.object({ company: z.string().min(1), startsOn: day })),
] as const;

export type PathEvent = EventOf<(typeof pathEvents)[number]>;
export const pathRegistry = EventRegistry.of(pathEvents);

export type PathCommand =
  | {
      readonly type: "Apply";
      readonly candidateId: string;
      readonly municipality: string;
      readonly on: string;
    }
  | { readonly type: "Screen"; readonly score: number }
  | { readonly type: "Interview"; readonly on: string }
  | { readonly type: "CheckSocialServices"; readonly known: boolean }
  | { readonly type: "Place"; readonly company: string; readonly on: string };

export interface PathState {
  readonly step: 0 | 1 | 2 | 3 | 4 | 5;
  readonly score: number;
}

export const initialPathState: PathState = { step: 0, score: 0 };

const stepOf: Record<PathEvent["type"], PathState["step"]> = {
  CandidateApplied: 1,
  CandidateScreened: 2,
  FirstInterviewHeld: 3,
  SocialServicesChecked: 4,
  CandidatePlaced: 5,
};

export const evolvePath = (state: PathState, event: PathEvent): PathState =>
  event.type === "CandidateScreened"
    ? { step: 2, score: event.data.score }
    : { step: stepOf[event.type], score: state.score };

const expectStep = (state: PathState, step: PathState["step"], rule: string): DomainError | null =>
  state.step === step ? null : domainError(rule, `the candidate is at step ${state.step}, not ${step}`);

export const decidePath = (
  command: PathCommand,
  state: PathState,
): Either<DomainError, readonly PathEvent[]> => {
  const refuse = (step: PathState["step"], rule: string) => {
    const error = expectStep(state, step, rule);
    return error === null ? null : E.left(error);
  };
  switch (command.type) {
    case "Apply":
      return (
        refuse(0, "already-applied") ??
        E.right([
          {
            type: "CandidateApplied",
            data: {
              candidateId: command.candidateId,
              municipality: command.municipality,
              appliedOn: command.on,
            },
          },
        ])
      );
    case "Screen":
      return (
        refuse(1, "screen-after-application") ??
        E.right([{ type: "CandidateScreened", data: { score: command.score } }])
      );
    case "Interview":
      return (
        refuse(2, "interview-after-screening") ??
        E.right([{ type: "FirstInterviewHeld", data: { heldOn: command.on } }])
      );
    case "CheckSocialServices":
      return (
        refuse(3, "check-after-interview") ??
        E.right([{ type: "SocialServicesChecked", data: { known: command.known } }])
      );
    case "Place":
      return (
        refuse(4, "place-after-check") ??
        E.right([{ type: "CandidatePlaced", data: { company: command.company, startsOn: command.on } }])
      );
  }
};

export const pathDecider = { initialState: initialPathState, evolve: evolvePath, decide: decidePath };

export const candidateStream = (i: number): string => `candidate-${i}`;

/** The five commands of candidate `i`, in order. */
export const candidatePath = (i: number): readonly PathCommand[] => [
  { type: "Apply", candidateId: `C${i}`, municipality: i % 3 === 0 ? "Bologna" : "Imola", on: "2024-03-04" },
  { type: "Screen", score: i % 101 },
  { type: "Interview", on: "2024-03-11" },
  { type: "CheckSocialServices", known: i % 7 === 0 },
  { type: "Place", company: `company-${i % 500}`, on: "2024-04-02" },
];

export const COMMANDS_PER_CANDIDATE = 5;
