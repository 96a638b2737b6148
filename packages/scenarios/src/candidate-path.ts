import type { CommandInputEnvelope, ConfigurationVersion } from "@insieme/domain";
import { syntheticCodiceFiscale } from "./codice-fiscale.js";
import { addDays, at } from "./dates.js";
import type { Prng } from "./prng.js";

export type ScenarioCommand = CommandInputEnvelope;

/** How screening ends for a scenario candidate: the outcome the rules and the profiling scores will give. */
export type ScreeningPlan =
  | "in_target"
  | "fragility_conclamata"
  | "no_difficulty"
  | "outside_metro_area"
  | "not_unemployed"
  | "in_other_active_measure";

export type InterviewPlan =
  | "immediately_placeable"
  | "empowerment_path"
  | "referred_elsewhere"
  | "withdrawn"
  | "no_show";

/** Figures the synthetic distributions come from (docs/statistics.md, "Scenarios", cites each source). */
export const DISTRIBUTIONS = {
  /** 65% men among people in target, year 1 (Dec 2018). */
  gender: { male: 65, female: 34, not_stated: 1 },
  /** Largest age group 50–64 at 39% (year 1); 40% over 50 (2017–2021). Other bands: no source, assumed. */
  age: { "18_24": 8, "25_34": 17, "35_49": 35, "50_64": 39, "65_plus": 1 },
  /** No published breakdown: assumed, weighted to lower secondary as in the programme's target. */
  education: {
    primary_or_none: 8,
    lower_secondary: 40,
    vocational_qualification: 15,
    upper_secondary: 30,
    tertiary: 7,
  },
  /** 54.5% Italian (year 1); the EU / non-EU split is assumed. */
  citizenship: { italian: 54.5, eu: 8, non_eu: 37.5 },
  /** No published breakdown: assumed (early referrals came from parish Caritas groups). */
  referrer: {
    self: 35,
    social_services: 15,
    parish_caritas: 18,
    trade_union: 5,
    employers_association: 3,
    job_centre: 12,
    third_sector: 8,
    other: 4,
  },
  unemployment: {
    employed: 3,
    under_6_months: 15,
    "6_12_months": 20,
    "12_24_months": 25,
    over_24_months: 37,
  },
  economic: { isee_0_6k: 45, isee_6k_12k: 30, isee_12k_20k: 12, isee_over_20k: 3, not_declared: 10 },
  /** Where applicants live: Bologna, the other 54 comuni, outside the metro area (assumed). */
  residence: { bologna: 55, metro: 40, outside: 5 },
  /** Year 1: 519 in target of ~860 involved (60%); the rest split between the rules and the profiling (assumed). */
  profiling: { in_target: 75, fragility_conclamata: 10, no_difficulty: 15 },
  inOtherActiveMeasure: 0.04,
  /** Known to Bologna's social services (assumed; the source reports the split without numbers). */
  socialServicesKnown: 0.45,
  /** 2019: 553 suitable of 910 interviewed, two thirds ready for placement and one third needing training. */
  interview: {
    immediately_placeable: 62,
    empowerment_path: 26,
    referred_elsewhere: 4,
    withdrawn: 3,
    no_show: 5,
  },
  /** Year 1: 170 placements for 519 in target. */
  proposal: 0.55,
  /** What follows a proposal (assumed). */
  afterProposal: { internship: 45, hiring: 30, refused: 25 },
  internshipEnd: { hired: 55, completed: 35, interrupted: 10 },
  /** Year 1 placements: 85.4% fixed-term, 2.2% permanent, 12.4% on call. */
  contract: { fixed_term: 85.4, permanent: 2.2, on_call: 12.4 },
  autonomyAfterHiring: 0.6,
  /** Paths without a proposal that end with the person dropping out or moving (assumed). */
  closedWithoutPlacement: 0.2,
} as const;

const GIVEN = [
  "Giulia",
  "Marco",
  "Fatima",
  "Luca",
  "Elena",
  "Ahmed",
  "Sara",
  "Paolo",
  "Ana",
  "Giorgio",
  "Irina",
  "Davide",
];
const FAMILY = [
  "Rossi",
  "Bianchi",
  "Ferrari",
  "Esposito",
  "Romano",
  "Colombo",
  "Ricci",
  "Marino",
  "Greco",
  "Bruno",
];
/** Comuni of Emilia-Romagna's provinces (Modena, Ferrara, Parma, Reggio Emilia): outside places for any territory there. */
const NEARBY_COMUNI = ["036023", "038008", "036040", "034027", "035033", "037006", "036005"];

/** Where the scenario's people live, from the configuration's territory. */
export interface ScenarioPlaces {
  /** The first comune divided into areas (Bologna and its quartieri), where "city" residents live. */
  readonly city: { readonly istat: string; readonly areas: readonly string[] };
  /** The territory's other comuni. */
  readonly others: readonly string[];
  /** Comuni outside the territory. */
  readonly outside: readonly string[];
}

export const scenarioPlaces = (rules: ConfigurationVersion): ScenarioPlaces => {
  const t = rules.territory;
  const city = t.municipalities.find((m) => m.areas.length > 0) ?? t.municipalities[0];
  if (city === undefined) throw new Error("a territory has at least one comune");
  const inside = new Set(t.municipalities.map((m) => m.istat));
  return {
    city: { istat: city.istat, areas: city.areas.map((a) => a.id) },
    others: t.municipalities.filter((m) => m.istat !== city.istat).map((m) => m.istat),
    outside: NEARBY_COMUNI.filter((istat) => !inside.has(istat)).slice(0, 3),
  };
};
const AGE_RANGES = {
  "18_24": [18, 24],
  "25_34": [25, 34],
  "35_49": [35, 49],
  "50_64": [50, 64],
  "65_plus": [65, 70],
} as const;
const SECTORS = ["A", "C", "F", "G", "H", "I", "N", "Q", "S"] as const;
const SKILLS = [
  "communication",
  "teamwork",
  "problem_solving",
  "reliability",
  "adaptability",
  "autonomy",
] as const;

const LABOUR = ["unemployment_length", "work_experience", "skills_gap", "job_search_autonomy"];
const SOCIAL = ["economic_hardship", "housing", "family_network", "social_isolation"];
const HEALTH = ["physical_health", "mental_health", "dependencies"];

/** Item scores of the illustrative profile (scale 0–3) that give `plan` (docs/fragility-profile.md). */
export const profilingScores = (rng: Prng, plan: "in_target" | "fragility_conclamata" | "no_difficulty") => {
  const score = (item: string, value: number) => ({ item, score: value });
  switch (plan) {
    case "in_target":
      // Labour ≤ 2 keeps the labour index below the "conclamata" threshold; unemployment_length 2 keeps the index over the floor.
      return [
        score("unemployment_length", 2),
        ...LABOUR.slice(1).map((i) => score(i, rng.int(1, 2))),
        ...SOCIAL.map((i) => score(i, rng.int(0, 2))),
        ...HEALTH.map((i) => score(i, rng.int(0, 1))),
      ];
    case "fragility_conclamata":
      return [
        ...LABOUR.map((i) => score(i, 3)),
        ...SOCIAL.map((i) => score(i, 3)),
        ...HEALTH.map((i) => score(i, rng.int(0, 3))),
      ];
    case "no_difficulty":
      return [...LABOUR, ...SOCIAL, ...HEALTH].map((i) => score(i, 0));
  }
};

export interface ScenarioContext {
  readonly rng: Prng;
  /** The configuration the scenario's commands are written for (territory, fund sources, rules). */
  readonly rules: ConfigurationVersion;
  readonly places: ScenarioPlaces;
  /** Ids of Board companies that proposals and hirings may name. */
  readonly companies: readonly string[];
  /** Next command number (ids are `<prefix>-c<n>`). */
  nextCommand: number;
  readonly prefix: string;
}

export interface CandidatePlan {
  readonly screening: ScreeningPlan;
  /** Only for candidates in target. */
  readonly interview: InterviewPlan | null;
}

const operator = { id: "operator-01", role: "operator" } as const;

/** The configuration's first fund source, and its second (or the first again). */
export const primarySource = (ctx: ScenarioContext): string => ctx.rules.fundSources[0]?.id ?? "";
export const secondarySource = (ctx: ScenarioContext): string =>
  (ctx.rules.fundSources[1] ?? ctx.rules.fundSources[0])?.id ?? "";

export const command = <T extends ScenarioCommand["type"]>(
  ctx: ScenarioContext,
  type: T,
  occurredAt: string,
  data: Extract<ScenarioCommand, { type: T }>["data"],
  actor: ScenarioCommand["actor"] = operator,
): ScenarioCommand =>
  ({
    commandId: `${ctx.prefix}-c${String(++ctx.nextCommand).padStart(8, "0")}`,
    type,
    occurredAt,
    actor,
    data,
  }) as ScenarioCommand;

/** A plan drawn from the published distributions (used by the synthetic programme). */
export const drawPlan = (
  rng: Prng,
  residence: "bologna" | "metro" | "outside",
  employed: boolean,
): CandidatePlan => {
  const screening: ScreeningPlan =
    residence === "outside"
      ? "outside_metro_area"
      : employed
        ? "not_unemployed"
        : rng.chance(DISTRIBUTIONS.inOtherActiveMeasure)
          ? "in_other_active_measure"
          : rng.weighted(DISTRIBUTIONS.profiling);
  return { screening, interview: screening === "in_target" ? rng.weighted(DISTRIBUTIONS.interview) : null };
};

/**
 * Every command of one candidate's path, from the application to the end of the case, dated from `appliedOn`.
 * `plan` fixes screening and interview (so a scenario can hit exact totals); the rest follows DISTRIBUTIONS.
 */
export const candidateCommands = (
  ctx: ScenarioContext,
  n: number,
  appliedOn: string,
  channel: "online_form" | "desk",
  /** Forced screening and interview outcomes, or null to draw them from DISTRIBUTIONS. */
  forced: CandidatePlan | null,
): ScenarioCommand[] => {
  const { rng } = ctx;
  const candidateId = `${ctx.prefix}-cand-${n}`;
  const out: ScenarioCommand[] = [];
  let minute = 0;
  const on = (date: string) => at(date, minute++);
  const gender = rng.weighted(DISTRIBUTIONS.gender);
  const band = rng.weighted(DISTRIBUTIONS.age);
  const [minAge, maxAge] = AGE_RANGES[band];
  const birthYear = Number(appliedOn.slice(0, 4)) - rng.int(minAge, maxAge);
  const drawnWhere = rng.weighted(DISTRIBUTIONS.residence);
  // A forced plan decides residence and employment where the rules depend on them.
  const where =
    forced === null
      ? drawnWhere
      : forced.screening === "outside_metro_area"
        ? "outside"
        : drawnWhere === "outside"
          ? "metro"
          : drawnWhere;
  const drawnUnemployment = rng.weighted(DISTRIBUTIONS.unemployment);
  const unemployment =
    forced === null
      ? drawnUnemployment
      : forced.screening === "not_unemployed"
        ? "employed"
        : drawnUnemployment === "employed"
          ? "over_24_months"
          : drawnUnemployment;
  const { city, others, outside } = ctx.places;
  const residence =
    where === "bologna" && city.areas.length > 0
      ? { municipalityIstat: city.istat, quartiere: rng.pick(city.areas) }
      : where === "bologna"
        ? { municipalityIstat: city.istat, quartiere: null }
        : { municipalityIstat: rng.pick(where === "metro" ? others : outside), quartiere: null };
  out.push(
    command(ctx, "SubmitApplication", on(appliedOn), {
      candidateId,
      channel,
      referrer: rng.weighted(DISTRIBUTIONS.referrer),
      birthYear,
      gender,
      educationLevel: rng.weighted(DISTRIBUTIONS.education),
      citizenship: rng.weighted(DISTRIBUTIONS.citizenship),
      residence,
      unemploymentDuration: unemployment,
      economicCondition: rng.weighted(DISTRIBUTIONS.economic),
      personal: {
        givenName: rng.pick(GIVEN),
        familyName: rng.pick(FAMILY),
        codiceFiscale: syntheticCodiceFiscale(n, birthYear, gender === "female", n % 336),
        email: null,
        phone: null,
      },
    }),
  );
  const { screening, interview } = forced ?? drawPlan(rng, where, unemployment === "employed");
  const screenedOn = addDays(appliedOn, rng.int(2, 12));
  const byRule = screening === "outside_metro_area" || screening === "not_unemployed";
  out.push(
    command(ctx, "ScreenCandidate", on(screenedOn), {
      candidateId,
      inOtherActiveMeasure: screening === "in_other_active_measure",
      scores: byRule
        ? null
        : profilingScores(
            rng,
            screening === "in_other_active_measure" ? "in_target" : (screening as "in_target"),
          ),
    }),
  );
  if (screening !== "in_target" || interview === null) return out;
  if (ctx.rules.eligibility.socialServicesCrossCheck.includes(residence.municipalityIstat)) {
    out.push(
      command(ctx, "RecordSocialServicesCheck", on(addDays(screenedOn, rng.int(1, 10))), {
        candidateId,
        result: rng.chance(DISTRIBUTIONS.socialServicesKnown) ? "known" : "unknown",
      }),
    );
  }
  const heldOn = addDays(screenedOn, rng.int(8, 30));
  const opensPath = interview === "immediately_placeable" || interview === "empowerment_path";
  out.push(
    command(ctx, "RecordFirstInterview", on(heldOn), {
      candidateId,
      outcome: interview,
      transversalSkills:
        interview === "no_show"
          ? []
          : SKILLS.slice(0, rng.int(2, 4)).map((skill) => ({ skill, level: rng.int(1, 4) })),
      cv: opensPath
        ? {
            languages: [{ language: "it", level: rng.pick(["B1", "B2", "C1", "native"] as const) }],
            experiences: [
              { sector: rng.pick(SECTORS), occupationGroup: rng.int(5, 9), years: rng.int(0, 20) },
            ],
            drivingLicence: rng.chance(0.6),
            availability: {
              fullTime: rng.chance(0.8),
              partTime: true,
              shifts: rng.chance(0.5),
              weekends: rng.chance(0.3),
            },
            desiredSectors: [rng.pick(SECTORS)],
          }
        : null,
    }),
  );
  // Other outcomes end the path: the case exits with the interview.
  if (!opensPath) return out;
  let day = heldOn;
  if (interview === "empowerment_path") {
    const activityId = `${candidateId}-act1`;
    const kind = rng.pick(["orientation", "active_search_support", "training"] as const);
    day = addDays(day, rng.int(5, 20));
    out.push(command(ctx, "StartEmpowermentActivity", on(day), { candidateId, activityId, kind }));
    day = addDays(day, rng.int(20, 60));
    out.push(
      command(ctx, "EndEmpowermentActivity", on(day), {
        candidateId,
        activityId,
        result: rng.chance(0.85) ? "completed" : "abandoned",
      }),
    );
  }
  if (ctx.companies.length === 0 || !rng.chance(DISTRIBUTIONS.proposal)) {
    // Some paths end without a placement: the person drops out or moves away.
    if (rng.chance(DISTRIBUTIONS.closedWithoutPlacement)) {
      out.push(
        command(ctx, "CloseCase", on(addDays(day, rng.int(30, 120))), {
          candidateId,
          reason: rng.pick(["dropped_out", "moved"] as const),
        }),
      );
    }
    return out;
  }
  const companyId = rng.pick(ctx.companies);
  const proposalId = `${candidateId}-p1`;
  day = addDays(day, rng.int(20, 70));
  out.push(
    command(ctx, "ProposePlacement", on(day), { candidateId, proposalId, companyId, opportunityId: null }),
  );
  const next = rng.weighted(DISTRIBUTIONS.afterProposal);
  let hired = false;
  if (next === "refused") {
    out.push(
      command(ctx, "RecordOfferRefusal", on(addDays(day, rng.int(1, 10))), {
        candidateId,
        proposalId,
        refusedBy: rng.chance(0.7) ? "candidate" : "company",
        reason: rng.pick(["distance", "contract_type", "health", "working_hours", "pay"] as const),
      }),
    );
    return out;
  }
  let internshipId: string | null = null;
  if (next === "internship") {
    internshipId = `${candidateId}-t1`;
    const startDate = addDays(day, rng.int(5, 20));
    const months = rng.int(3, 6);
    const plannedEndDate = addDays(startDate, months * 30);
    out.push(
      command(ctx, "StartInternship", on(startDate), {
        candidateId,
        internshipId,
        proposalId,
        startDate,
        plannedEndDate,
        allowanceCents: months * 45_000,
        source: rng.chance(0.7) ? primarySource(ctx) : secondarySource(ctx),
      }),
    );
    const end = rng.weighted(DISTRIBUTIONS.internshipEnd);
    const endDate = end === "interrupted" ? addDays(startDate, rng.int(15, 60)) : plannedEndDate;
    out.push(
      command(ctx, "EndInternship", on(endDate), {
        candidateId,
        internshipId,
        reason: end,
        unusedCents: end === "interrupted" ? 45_000 : 0,
      }),
    );
    day = endDate;
    hired = end === "hired";
  } else {
    day = addDays(day, rng.int(5, 20));
    hired = true;
  }
  if (!hired) return out;
  out.push(
    command(ctx, "RecordHiring", on(day), {
      candidateId,
      companyId,
      proposalId: internshipId === null ? proposalId : null,
      internshipId,
      contractType: rng.weighted(DISTRIBUTIONS.contract),
    }),
  );
  if (rng.chance(DISTRIBUTIONS.autonomyAfterHiring)) {
    out.push(
      command(ctx, "CloseCase", on(addDays(day, rng.int(90, 200))), { candidateId, reason: "autonomy" }),
    );
  }
  return out;
};
