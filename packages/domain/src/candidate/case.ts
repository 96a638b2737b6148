import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { CandidateEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import type { CandidateCommand } from "./commands.js";
import { isOpen, requireActive } from "./guards.js";
import type { CandidateState } from "./state.js";

type Decision = Either<DomainError, readonly CandidateEvent[]>;

export const decideLinkProject = (
  c: Extract<CandidateCommand, { kind: "LinkProject" }>,
  state: CandidateState,
): Decision => {
  const guard = requireActive(state, "path-requires-in-target");
  if (guard !== null) return guard;
  if (c.projectKind === null) return reject("project-not-found", `no project ${c.projectId}`);
  if (state.projects[c.projectId] !== undefined)
    return reject("project-already-linked", `project ${c.projectId} is linked`);
  return accept({
    type: "ProjectPathLinked",
    data: { candidateId: state.candidateId ?? "", projectId: c.projectId, kind: c.projectKind },
  });
};

export const decideRecordNote = (
  c: Extract<CandidateCommand, { kind: "RecordNote" }>,
  state: CandidateState,
): Decision => {
  if (state.status === "none") return reject("candidate-not-found", "the candidate has not applied");
  if (!isOpen(state)) return reject("case-not-open", `the case is ${state.status}`);
  if (state.notes.some((n) => n.noteId === c.noteId))
    return reject("note-already-recorded", `note ${c.noteId} exists`);
  return accept({
    type: "CaseNoteRecorded",
    data: { candidateId: state.candidateId ?? "", noteId: c.noteId, note: c.note },
  });
};

export const decideCloseCase = (
  c: Extract<CandidateCommand, { kind: "CloseCase" }>,
  state: CandidateState,
): Decision => {
  if (state.status === "none") return reject("candidate-not-found", "the candidate has not applied");
  if (!isOpen(state)) return reject("case-not-open", `the case is ${state.status}`);
  if (c.reason === "autonomy") {
    const guard = requireActive(state, "autonomy-requires-path");
    if (guard !== null) return guard;
  }
  if (state.activeInternshipId !== null) {
    return reject(
      "internship-still-active",
      `end internship ${state.activeInternshipId} before closing the case`,
    );
  }
  return accept({ type: "CaseClosed", data: { candidateId: state.candidateId ?? "", reason: c.reason } });
};

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (ISO dates). */
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * A closed case (`CaseClosed`) is re-opened within `withinDays` of its closing; it resumes at the status it was
 * closed from. Cases ended otherwise (not in target, referred elsewhere, withdrawn) are not re-opened: a new
 * application is.
 */
export const decideReopen = (
  c: Extract<CandidateCommand, { kind: "Reopen" }>,
  state: CandidateState,
): Decision => {
  if (state.status === "none") return reject("candidate-not-found", "the candidate has not applied");
  if (
    state.status !== "closed" ||
    state.closedFrom === null ||
    state.closeReason === null ||
    c.closedOn === null
  )
    return reject(
      "reopen-case-not-closed",
      `only a closed case is re-opened; the case is ${state.status.replace("_", " ")}`,
      {
        status: state.status,
      },
    );
  const days = daysBetween(c.closedOn, c.reopenedOn);
  if (days < 0)
    return reject("reopen-before-closing", `the case closed on ${c.closedOn}, after ${c.reopenedOn}`);
  if (days > c.withinDays)
    return reject(
      "reopen-period-expired",
      `a case is re-opened within ${c.withinDays} days of its closing (reopening.reopenWithinDays); it closed on ${c.closedOn}, ${days} days before ${c.reopenedOn}`,
      { closedOn: c.closedOn, days, reopenWithinDays: c.withinDays },
    );
  return accept({
    type: "CaseReopened",
    data: {
      candidateId: state.candidateId ?? "",
      reason: c.reason,
      closedOn: c.closedOn,
      closedReason: state.closeReason,
      reopenedOn: c.reopenedOn,
      resumedStatus: state.closedFrom,
    },
  });
};
