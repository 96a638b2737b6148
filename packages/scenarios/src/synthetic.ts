import { type ConfigurationVersion, ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import {
  candidateCommands,
  command,
  type ScenarioCommand,
  type ScenarioContext,
  scenarioPlaces,
} from "./candidate-path.js";
import { addDays, at, daysInMonth, isoDay } from "./dates.js";
import {
  type BoardChannelName,
  budgetCommands,
  companyCommands,
  type ProjectPlan,
  projectCommands,
} from "./organisations.js";
import { Prng } from "./prng.js";

export interface SyntheticOptions {
  readonly seed: number;
  /** How many candidates apply in total. */
  readonly candidates: number;
  /** First day of the programme (default 2017-05-01, when it started). */
  readonly start?: string;
  /** Applications a month; default 112 (the published ~100–124), raised so that big runs span at most 4 years. */
  readonly applicationsPerMonth?: number;
  /** The configuration version the commands are written for (territory, fund sources, online form); default: the illustrative one's latest. */
  readonly configuration?: ConfigurationVersion;
  /** Prefix of every id (default `s<seed>`): two programmes in one store use different ones. */
  readonly prefix?: string;
}

const CHANNEL_WEIGHTS: Readonly<Record<BoardChannelName, number>> = {
  direct: 26,
  non_partner: 1,
  legacoop: 5,
  confcooperative: 5,
  cna: 1,
  confindustria: 9,
  confcommercio: 1,
  confesercenti: 1,
  confartigianato: 1,
};

/**
 * A seeded synthetic programme as a stream of domain commands: budgets, Board companies, then month by month
 * the applications (each with its whole path) and the projects. Deterministic for a seed; memory does not grow
 * with the number of candidates (nothing is kept but the company ids).
 */
/** The rules of the illustrative configuration's latest version (the generator's default territory). */
export const illustrativeRules = (): ConfigurationVersion => {
  const latest = ILLUSTRATIVE_CONFIGURATION.versions[ILLUSTRATIVE_CONFIGURATION.versions.length - 1];
  if (latest === undefined) throw new Error("the illustrative configuration has no version");
  return latest.rules;
};

export function* syntheticProgramme(options: SyntheticOptions): Generator<ScenarioCommand> {
  const rng = new Prng(options.seed);
  const start = options.start ?? "2017-05-01";
  const perMonth = options.applicationsPerMonth ?? Math.max(112, Math.ceil(options.candidates / 48));
  const months = Math.max(1, Math.ceil(options.candidates / perMonth));
  const firstYear = Number(start.slice(0, 4));
  const years = Array.from({ length: Math.ceil(months / 12) + 3 }, (_, i) => firstYear + i);
  const companyCount = Math.max(48, Math.min(20_000, Math.ceil(options.candidates / 20)));
  const companies: string[] = [];
  const rules = options.configuration ?? illustrativeRules();
  const ctx: ScenarioContext = {
    rng,
    rules,
    places: scenarioPlaces(rules),
    companies,
    nextCommand: 0,
    prefix: options.prefix ?? `s${options.seed}`,
  };
  const formOpened = rules.onlineForm.openedOn;
  yield* budgetCommands(ctx, years, perMonth / 112);
  for (let i = 0; i < companyCount; i++) {
    const id = `${ctx.prefix}-co-${i + 1}`;
    yield* companyCommands(ctx, id, rng.weighted(CHANNEL_WEIGHTS), addDays(start, -rng.int(1, 60)));
    companies.push(id);
  }
  let n = 0;
  let year = firstYear;
  let month = Number(start.slice(5, 7));
  while (n < options.candidates) {
    const days = daysInMonth(year, month);
    const thisMonth = Math.min(
      options.candidates - n,
      rng.int(Math.floor(perMonth * 0.9), Math.ceil(perMonth * 1.1)),
    );
    for (let i = 0; i < thisMonth; i++) {
      const day = isoDay(year, month, 1 + Math.floor((i * days) / thisMonth));
      const channel = formOpened !== null && day >= formOpened && rng.chance(0.8) ? "online_form" : "desk";
      n++;
      yield* candidateCommands(ctx, n, day, channel, null);
    }
    const projects = Math.max(1, Math.round(thisMonth / 40));
    for (let p = 0; p < projects; p++) {
      const submittedOn = isoDay(year, month, rng.int(1, days));
      const plan: ProjectPlan = rng.weighted({
        waiting: 20,
        under_evaluation: 20,
        not_eligible: 30,
        approved: 30,
      });
      yield* projectCommands(
        ctx,
        `${ctx.prefix}-prj-${year}${month}-${p}`,
        rng.chance(0.67) ? "autoimpiego" : "sociale",
        plan,
        plan === "approved" ? rng.int(1, 3) : 0,
        submittedOn,
        (d) => addDays(submittedOn, d),
      );
    }
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  // A few companies leave the Board after the last applications (no later command names them).
  const leftOn = isoDay(year, month, 15);
  for (const companyId of companies) {
    if (rng.chance(0.05)) {
      yield command(ctx, "LeaveBoard", at(leftOn, 0), {
        companyId,
        reason: rng.pick(["withdrew", "ceased_activity", "other"] as const),
      });
    }
  }
}
