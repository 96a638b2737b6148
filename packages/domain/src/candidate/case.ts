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
