import type { Decider, DomainError, DomainEvent } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import type { CorrectionEvent } from "../events/registry.js";
import { accept, reject } from "../rules.js";
import type { CorrectionAction, CorrectionReason } from "../vocabulary/correction.js";

/** The command every correctable decider takes besides its own: built by the service from `CorrectFact`. */
export interface CorrectCommand {
  readonly kind: "Correct";
  readonly revision: number;
  readonly eventId: string;
  /** The corrected event's `occurredAt` (read from its envelope by the service). */
  readonly occurredAt: string;
  readonly action: CorrectionAction;
  /** The corrected event's whole data (`amend`), or null (`void`). */
  readonly data: Readonly<Record<string, unknown>> | null;
  readonly fields: readonly string[];
  readonly reason: CorrectionReason;
  readonly correctedBy: { readonly id: string; readonly role: string };
}

/**
 * Checks one event of a corrected history against the state before it: null when the step is allowed, else the
 * rule it breaks (a correction that would leave a path that skipped a step, or a fund over-committed).
 */
export type StepCheck<S, Ev> = (state: S, event: Ev) => DomainError | null;

/** Every event a stream holds, oldest last: a list that shares its tail, so appending is O(1). */
interface History<Ev> {
  readonly event: Ev;
  readonly revision: number;
  readonly previous: History<Ev> | null;
}

const toArray = <Ev>(history: History<Ev> | null): Ev[] => {
  const out: Ev[] = [];
  for (let h = history; h !== null; h = h.previous) out.push(h.event);
  return out.reverse();
};

/**
 * The events as corrected: every fact with its latest correction applied (amended data, or left out when voided),
 * corrections themselves left out. `events[i]` is the event at revision i.
 */
export const effectiveEvents = <Ev extends DomainEvent>(events: readonly (Ev | CorrectionEvent)[]): Ev[] => {
  const latest = new Map<number, CorrectionEvent>();
  for (const e of events) {
    if (e.type !== "FactCorrected") continue;
    const correction = e as CorrectionEvent;
    latest.set(correction.data.correctedRevision, correction);
  }
  const out: Ev[] = [];
  events.forEach((e, revision) => {
    if (e.type === "FactCorrected") return;
    const correction = latest.get(revision);
    if (correction === undefined) out.push(e as Ev);
    else if (
      correction.data.action === "amend" &&
      correction.data.data !== null &&
      correction.data.data !== undefined
    )
      out.push({ type: e.type, data: correction.data.data } as Ev);
  });
  return out;
};

/**
 * The data of the event at `revision` as it stands: as recorded (`recorded`), or as the latest amendment among
 * `events` (a stream's events, corrections included, in order) left it.
 */
export const currentData = (
  events: readonly DomainEvent[],
  revision: number,
  recorded: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> => {
  let data = recorded;
  for (const e of events) {
    if (e.type !== "FactCorrected") continue;
    const c = (e as CorrectionEvent).data;
    if (c.correctedRevision === revision && c.action === "amend" && c.data !== null && c.data !== undefined)
      data = c.data as Readonly<Record<string, unknown>>;
  }
  return data;
};

/**
 * A decider whose recorded facts can be corrected: `FactCorrected` events re-fold the state from the stream's
 * events as corrected, and a `Correct` command is accepted only if the corrected history passes `check` at every
 * step (refused with the rule it breaks otherwise). The events each state was folded from are kept beside it (a
 * WeakMap: the states' shape is unchanged); nothing is ever rewritten.
 */
export const correctable = <C, S extends object, Ev extends DomainEvent>(
  inner: Decider<C, S, Ev>,
  check: StepCheck<S, Ev>,
): Decider<C | CorrectCommand, S, Ev> => {
  const histories = new WeakMap<S, History<Ev>>();
  const historyOf = (s: S): History<Ev> | null => histories.get(s) ?? null;

  const refold = (events: readonly Ev[]): S => {
    let state = inner.initialState;
    for (const e of effectiveEvents(events as readonly (Ev | CorrectionEvent)[]))
      state = inner.evolve(state, e);
    return state;
  };

  const evolve = (s: S, event: Ev): S => {
    const history = historyOf(s);
    const entry: History<Ev> = {
      event,
      revision: history === null ? 0 : history.revision + 1,
      previous: history,
    };
    let next: S;
    if (event.type === "FactCorrected") next = refold(toArray(entry));
    else {
      next = inner.evolve(s, event);
      // The same object may not stand for two revisions: copy it when the event changed nothing.
      if (next === s) next = { ...s };
    }
    histories.set(next, entry);
    return next;
  };

  const decideCorrection = (c: CorrectCommand, s: S): Either<DomainError, readonly Ev[]> => {
    const events = toArray(historyOf(s));
    const target = events[c.revision];
    if (target === undefined)
      return reject("correction-target-not-found", `the stream has no event at revision ${c.revision}`);
    if (target.type === "FactCorrected")
      return reject("correction-of-a-correction", "a correction is not corrected: correct the fact again");
    const voided = events.some(
      (e) =>
        e.type === "FactCorrected" &&
        (e as CorrectionEvent).data.correctedRevision === c.revision &&
        (e as CorrectionEvent).data.action === "void",
    );
    if (voided) return reject("correction-target-voided", `the event at revision ${c.revision} was voided`);
    const previousData = currentData(events, c.revision, target.data as Readonly<Record<string, unknown>>);
    const correction = {
      type: "FactCorrected",
      data: {
        correctedEventId: c.eventId,
        correctedRevision: c.revision,
        correctedType: target.type,
        action: c.action,
        data: c.data === null ? null : { ...c.data },
        previousData: { ...previousData },
        correctedOccurredAt: c.occurredAt,
        fields: [...c.fields],
        reason: c.reason,
        correctedBy: { id: c.correctedBy.id, role: c.correctedBy.role },
      },
    } as CorrectionEvent;
    let state = inner.initialState;
    for (const e of effectiveEvents([...events, correction] as readonly (Ev | CorrectionEvent)[])) {
      const broken = check(state, e);
      if (broken !== null) {
        return reject(broken.rule, `after the correction: ${broken.message}`, {
          ...(broken.details ?? {}),
          correctedRevision: c.revision,
          atEvent: e.type,
        });
      }
      state = inner.evolve(state, e);
    }
    return accept(correction as unknown as Ev);
  };

  return {
    initialState: inner.initialState,
    evolve,
    decide: (command, state) =>
      (command as CorrectCommand).kind === "Correct"
        ? decideCorrection(command as CorrectCommand, state)
        : inner.decide(command as C, state),
  };
};
