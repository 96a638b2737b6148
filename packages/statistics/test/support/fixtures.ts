import type { CommandInputEnvelope } from "@insieme/domain";

/** The operator who sends the statistics tests' commands. */
export const operator = { id: "op-1", role: "operator" } as const;

/** The technical referent who evaluates and approves projects. */
export const referent = { id: "ref-1", role: "technical_referent" } as const;

/** Each of `items` with `score`. */
const scored = (items: readonly string[], score: number) => items.map((item) => ({ item, score }));

/** Scores of the illustrative profile that screen a candidate in target (labour 2, social 1, health 0). */
export const IN_TARGET_SCORES = [
  ...scored(["unemployment_length", "work_experience", "skills_gap", "job_search_autonomy"], 2),
  ...scored(["economic_hardship", "housing", "family_network", "social_isolation"], 1),
  ...scored(["physical_health", "mental_health", "dependencies"], 0),
];

/** A first interview's CV: Italian native, four years in sector I, available full and part time. */
export const CV = {
  languages: [{ language: "it", level: "native" as const }],
  experiences: [{ sector: "I" as const, occupationGroup: 5, years: 4 }],
  drivingLicence: true,
  availability: { fullTime: true, partTime: true, shifts: false, weekends: false },
  desiredSectors: ["I" as const],
};

type ApplicationData = Extract<CommandInputEnvelope, { type: "SubmitApplication" }>["data"];

/** A residence in Bologna (ISTAT 037006), quartiere Navile. */
const IN_NAVILE = { municipalityIstat: "037006", quartiere: "navile" } as const;

/** An applicant's profile after birth year: a woman, upper secondary, Italian, in Navile, unemployed 12–24 months. */
export const APPLICANT_PROFILE = {
  gender: "female",
  educationLevel: "upper_secondary",
  citizenship: "italian",
  residence: IN_NAVILE,
  unemploymentDuration: "12_24_months",
  economicCondition: "isee_6k_12k",
} as const;

/** The data of an application by a woman born in 1970 living in Navile, `overrides` replacing its fields. */
export const applicationData = (
  candidateId: string,
  personal: Pick<ApplicationData["personal"], "givenName" | "familyName" | "codiceFiscale">,
  overrides: Partial<Omit<ApplicationData, "candidateId" | "personal">> = {},
): ApplicationData => ({
  candidateId,
  channel: "online_form",
  referrer: "parish_caritas",
  birthYear: 1970,
  ...APPLICANT_PROFILE,
  ...overrides,
  personal: { ...personal, email: null, phone: null },
});
