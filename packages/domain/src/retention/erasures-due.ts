import type { RecordedEvent } from "@insieme/kernel";
import type { RetentionPolicy } from "./retention-policy.js";

/** A person whose personal data the policy says to erase, and since when. */
export interface ErasureDue {
  readonly personId: string;
  /** The candidate id of the last case closed. */
  readonly candidateId: string;
  /** When that case was closed (the event's occurredAt). */
  readonly closedAt: string;
  /** When the erasure fell due: `closedAt` plus the policy's years. */
  readonly dueAt: string;
}

interface PersonCases {
  open: number;
  lastClosed: { readonly candidateId: string; readonly at: string } | null;
}

const addYears = (iso: string, years: number): string => {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
};

/**
 * Folds the person streams' events (`PersonCaseOpened`, `PersonCaseClosed`; any other event is ignored) into what
 * each person's cases are: one pass, state per person. Deterministic: the time is given to `due`.
 */
export class RetentionScan {
  private readonly persons = new Map<string, PersonCases>();

  apply(event: Pick<RecordedEvent, "type" | "data" | "occurredAt">): void {
    if (event.type !== "PersonCaseOpened" && event.type !== "PersonCaseClosed") return;
    const data = event.data as { readonly personId: string; readonly candidateId: string };
    let cases = this.persons.get(data.personId);
    if (cases === undefined) {
      cases = { open: 0, lastClosed: null };
      this.persons.set(data.personId, cases);
    }
    if (event.type === "PersonCaseOpened") cases.open++;
    else {
      cases.open = Math.max(0, cases.open - 1);
      cases.lastClosed = { candidateId: data.candidateId, at: event.occurredAt };
    }
  }

  /** Whether `personId` has ever had a case in the events applied. */
  knows(personId: string): boolean {
    return this.persons.has(personId);
  }

  /** The persons with no open case whose last case was closed at least the policy's years before `now`. */
  due(policy: RetentionPolicy, now: string): ErasureDue[] {
    const at = new Date(now).toISOString();
    const result: ErasureDue[] = [];
    for (const [personId, cases] of this.persons) {
      if (cases.open > 0 || cases.lastClosed === null) continue;
      const dueAt = addYears(cases.lastClosed.at, policy.erasePersonalDataYearsAfterClose);
      if (dueAt <= at) {
        result.push({
          personId,
          candidateId: cases.lastClosed.candidateId,
          closedAt: cases.lastClosed.at,
          dueAt,
        });
      }
    }
    return result.sort((a, b) =>
      a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.personId < b.personId ? -1 : 1,
    );
  }
}
