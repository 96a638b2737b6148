import {
  type CandidatePlan,
  candidateCommands,
  type InterviewPlan,
  type ScenarioCommand,
  type ScenarioContext,
  type ScreeningPlan,
  scenarioPlaces,
} from "./candidate-path.js";
import { addDays, daysInMonth, isoDay, monthsBetween } from "./dates.js";
import {
  type BoardChannelName,
  budgetCommands,
  companyCommands,
  type ProjectPlan,
  projectCommands,
} from "./organisations.js";
import { Prng } from "./prng.js";
import { illustrativeRules } from "./synthetic.js";

/** The seed the committed examples/published-scenario/commands.ndjson was generated with. */
export const PUBLISHED_SCENARIO_SEED = 2017;

/** The source's published figures ("4. I numeri") that the scenario reproduces exactly. */
export const PUBLISHED_FIGURES = {
  /** "Aziende in numeri": companies in the Board by channel; 48 in the Board, 48 active. */
  companies: {
    direct: 26,
    non_partner: 1,
    legacoop: 5,
    confcooperative: 5,
    cna: 1,
    confindustria: 9,
    confcommercio: 1,
  },
  companiesTotal: 48,
  companiesActive: 48,
  /** "Progetti sociali in numeri". */
  projects: {
    autoimpiego: {
      submitted: 25,
      waiting: 7,
      underEvaluation: 6,
      notEligible: 6,
      approved: 6,
      jobsCreated: 8,
    },
    sociale: { submitted: 12, waiting: 0, underEvaluation: 6, notEligible: 5, approved: 1, jobsCreated: 2 },
  },
  /** "Dopo il primo colloquio": the first 733 applications, May to 30 November 2017. */
  firstCohort: { from: "2017-05-01", to: "2017-11-30", applications: 733 },
  /** "Persone del target immediatamente candidabili": 68%. */
  immediatelyPlaceablePercent: 68,
} as const;

/** Not published: how many applied after the online form opened (Dec 2017 – Mar 2018, ~112 a month). */
const LATER_APPLICATIONS = 450;
/**
 * Not published: screening and first-interview outcomes, chosen so that 68% of the people in target are
 * immediately placeable both in the first cohort (299 of 440 of the 733 applications of May–November 2017, as the
 * source's "Analisi sul 68%" follows the 733) and in the whole scenario (476 of 700).
 */
const SCREENING_QUOTAS: Readonly<Record<"cohort" | "later", Readonly<Record<ScreeningPlan, number>>>> = {
  cohort: {
    in_target: 440,
    fragility_conclamata: 69,
    no_difficulty: 94,
    outside_metro_area: 37,
    not_unemployed: 25,
    in_other_active_measure: 68,
  },
  later: {
    in_target: 260,
    fragility_conclamata: 41,
    no_difficulty: 56,
    outside_metro_area: 23,
    not_unemployed: 15,
    in_other_active_measure: 55,
  },
};
const INTERVIEW_QUOTAS: Readonly<Record<"cohort" | "later", Readonly<Record<InterviewPlan, number>>>> = {
  cohort: {
    immediately_placeable: 299,
    empowerment_path: 94,
    referred_elsewhere: 19,
    withdrawn: 13,
    no_show: 15,
  },
  later: {
    immediately_placeable: 177,
    empowerment_path: 56,
    referred_elsewhere: 11,
    withdrawn: 7,
    no_show: 9,
  },
};

const quotaList = <K extends string>(rng: Prng, quotas: Readonly<Record<K, number>>): K[] =>
  rng.shuffle(
    (Object.entries(quotas) as [K, number][]).flatMap(([k, n]) => Array.from({ length: n }, () => k)),
  );

/** Spreads `count` applications over the days of the months from `first` to `last`. */
const applicationDays = (first: string, last: string, count: number): string[] => {
  const months = monthsBetween(first, last);
  const days: string[] = [];
  months.forEach(([y, m], i) => {
    const inMonth = Math.floor((count * (i + 1)) / months.length) - Math.floor((count * i) / months.length);
    const length = daysInMonth(y, m);
    for (let k = 0; k < inMonth; k++) days.push(isoDay(y, m, 1 + Math.floor((k * length) / inMonth)));
  });
  return days;
};

/**
 * The published scenario: commands whose report reproduces the source's tables exactly (companies, projects),
 * 733 applications from May to 30 November 2017, and 68% of the people in target immediately placeable.
 * Everything the source does not publish follows the synthetic distributions, from a fixed seed.
 */
export function* publishedScenario(seed = PUBLISHED_SCENARIO_SEED): Generator<ScenarioCommand> {
  const rng = new Prng(seed);
  const companies: string[] = [];
  const rules = illustrativeRules();
  const ctx: ScenarioContext = {
    rng,
    rules,
    places: scenarioPlaces(rules),
    companies,
    nextCommand: 0,
    prefix: "pub",
  };
  yield* budgetCommands(ctx, [2017, 2018, 2019], 1);
  let c = 0;
  for (const [channel, count] of Object.entries(PUBLISHED_FIGURES.companies) as [
    BoardChannelName,
    number,
  ][]) {
    for (let i = 0; i < count; i++) {
      const id = `pub-co-${++c}`;
      yield* companyCommands(ctx, id, channel, addDays("2017-03-01", rng.int(0, 60)));
      companies.push(id);
    }
  }
  const cohort = PUBLISHED_FIGURES.firstCohort;
  const days = [
    ...applicationDays(cohort.from, cohort.to, cohort.applications).map((d) => ({ d, online: false })),
    ...applicationDays("2017-12-01", "2018-03-31", LATER_APPLICATIONS).map((d) => ({ d, online: true })),
  ];
  const screenings = [...quotaList(rng, SCREENING_QUOTAS.cohort), ...quotaList(rng, SCREENING_QUOTAS.later)];
  const interviews = [...quotaList(rng, INTERVIEW_QUOTAS.cohort), ...quotaList(rng, INTERVIEW_QUOTAS.later)];
  if (screenings.length !== days.length)
    throw new Error("published scenario: screening quotas must cover every application");
  let interviewed = 0;
  for (let n = 0; n < days.length; n++) {
    const { d, online } = days[n] as { d: string; online: boolean };
    const screening = screenings[n] as ScreeningPlan;
    const plan: CandidatePlan = {
      screening,
      interview: screening === "in_target" ? (interviews[interviewed++] as InterviewPlan) : null,
    };
    yield* candidateCommands(ctx, n + 1, d, online && rng.chance(0.8) ? "online_form" : "desk", plan);
  }
  let p = 0;
  for (const [kind, figures] of Object.entries(PUBLISHED_FIGURES.projects) as [
    "autoimpiego" | "sociale",
    Readonly<Record<keyof (typeof PUBLISHED_FIGURES.projects)["autoimpiego"], number>>,
  ][]) {
    const plans: ProjectPlan[] = rng.shuffle([
      ...Array.from({ length: figures.waiting }, () => "waiting" as const),
      ...Array.from({ length: figures.underEvaluation }, () => "under_evaluation" as const),
      ...Array.from({ length: figures.notEligible }, () => "not_eligible" as const),
      ...Array.from({ length: figures.approved }, () => "approved" as const),
    ]);
    // Jobs spread over the approved projects: each gets one, the first ones the rest.
    let jobsLeft = figures.jobsCreated;
    let approvedLeft = figures.approved;
    for (const plan of plans) {
      let jobs = 0;
      if (plan === "approved") {
        jobs = approvedLeft === 1 ? jobsLeft : Math.max(1, Math.min(2, jobsLeft - (approvedLeft - 1)));
        jobsLeft -= jobs;
        approvedLeft--;
      }
      const submittedOn = addDays("2017-06-01", rng.int(0, 240));
      yield* projectCommands(ctx, `pub-prj-${++p}`, kind, plan, jobs, submittedOn, (d) =>
        addDays(submittedOn, d),
      );
    }
  }
}
