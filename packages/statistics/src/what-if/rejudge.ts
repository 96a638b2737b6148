import {
  type CandidateState,
  type ConfigurationRef,
  candidateDecider,
  checkApplication,
  configurationInForce,
  type EventData,
  type ProgrammeConfiguration,
  profileInForce,
} from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";

/** A screening judged again: its outcome then and under the other configuration. */
export type Rejudged =
  | {
      readonly kind: "judged";
      readonly data: EventData<"CandidateScreened">;
      readonly decidedUnder: ConfigurationRef;
    }
  | { readonly kind: "cannot-judge"; readonly reason: string };

/**
 * Decides a recorded screening again with the candidate decider, under the configuration version in force on its
 * date in `configuration`: the same rule, in the same place, as a live command. What the screening recorded (the
 * item scores, whether the applicant was in another measure) is all the new decision may use; when the new rules
 * need more (a profiling the applicant never had, items the new profile adds), the case cannot be judged.
 */
export const rejudgeScreening = (
  configuration: ProgrammeConfiguration,
  applied: EventData<"CandidateApplied">,
  screened: EventData<"CandidateScreened">,
  date: string,
): Rejudged => {
  const version = configurationInForce(configuration, date);
  if (version === undefined)
    return { kind: "cannot-judge", reason: `no configuration version in force on ${date}` };
  const profile = profileInForce(version.rules.fragilityProfiles, date);
  if (profile === undefined)
    return { kind: "cannot-judge", reason: `no fragility profile in force on ${date}` };
  const state: CandidateState = candidateDecider.evolve(candidateDecider.initialState, {
    type: "CandidateApplied",
    data: applied,
  });
  const decided = candidateDecider.decide(
    {
      kind: "Screen",
      inOtherActiveMeasure: screened.rules.noOtherActiveMeasure === "not_met",
      scores: screened.profiling?.scores ?? null,
      profile,
      rules: version.rules,
    },
    state,
  );
  if (E.isLeft(decided)) {
    return {
      kind: "cannot-judge",
      reason:
        decided.left.rule === "profiling-required"
          ? "the new rules need a profiling this applicant never had"
          : `${decided.left.rule}: ${decided.left.message}`,
    };
  }
  const event = decided.right.find((e) => e.type === "CandidateScreened");
  if (event?.type !== "CandidateScreened") return { kind: "cannot-judge", reason: "no screening decided" };
  return { kind: "judged", data: event.data, decidedUnder: version.ref };
};

/** Whether the application itself passes the other configuration's rules (age, online form, areas). */
export const rejudgeApplication = (
  configuration: ProgrammeConfiguration,
  applied: EventData<"CandidateApplied">,
): string | null => {
  const version = configurationInForce(configuration, applied.appliedOn);
  if (version === undefined) return `no configuration version in force on ${applied.appliedOn}`;
  const refused = checkApplication(
    candidateDecider.initialState,
    {
      appliedOn: applied.appliedOn,
      channel: applied.channel,
      birthYear: applied.profile.birthYear,
      residence: applied.profile.residence,
    },
    version.rules,
  );
  return refused !== null && E.isLeft(refused)
    ? `the application would be refused (${refused.left.rule}: ${refused.left.message})`
    : null;
};
