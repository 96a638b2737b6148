import { codiceFiscaleCheckChar } from "@insieme/domain";

/** Commands in the domain's JSON format, as a desk application would POST them. */
export const operator = { id: "op-1", role: "operator" } as const;
export const referent = { id: "ref-1", role: "technical_referent" } as const;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A valid codice fiscale derived from `n` (same n, same code). */
export const codiceFiscale = (n: number): string => {
  const letter = (k: number) => LETTERS.charAt(Math.abs(k) % 26);
  const first15 = `${letter(n)}${letter(n >> 3)}${letter(n >> 6)}RSS85T10A${String(100 + (n % 900)).padStart(3, "0")}`;
  return first15 + codiceFiscaleCheckChar(first15);
};

export const submitApplication = (n: number, occurredAt: string) => ({
  commandId: `apply-${n}`,
  type: "SubmitApplication",
  occurredAt,
  actor: operator,
  data: {
    candidateId: `cand-${n}`,
    channel: "online_form",
    referrer: n % 2 === 0 ? "self" : "parish_caritas",
    birthYear: 1980 + (n % 20),
    gender: n % 2 === 0 ? "female" : "male",
    educationLevel: "upper_secondary",
    citizenship: "italian",
    residence: { municipalityIstat: "037006", quartiere: "navile" },
    unemploymentDuration: "over_24_months",
    economicCondition: "isee_6k_12k",
    personal: {
      codiceFiscale: codiceFiscale(n),
      givenName: "Maria",
      familyName: `Rossi ${n}`,
      email: null,
      phone: null,
    },
  },
});

export const joinBoard = (n: number, channel: string, occurredAt: string) => ({
  commandId: `join-${n}`,
  type: "JoinBoard",
  occurredAt,
  actor: operator,
  data: {
    companyId: `co-${n}`,
    channel,
    name: `Azienda ${n}`,
    municipalityIstat: "037006",
    sector: "I",
    size: "small",
  },
});

export const proposePlacement = (n: number, companyN: number, occurredAt: string) => ({
  commandId: `propose-${n}-${companyN}`,
  type: "ProposePlacement",
  occurredAt,
  actor: operator,
  data: {
    candidateId: `cand-${n}`,
    proposalId: `p-${n}-${companyN}`,
    companyId: `co-${companyN}`,
    opportunityId: null,
  },
});

export const screenCandidate = (n: number, occurredAt: string) => ({
  commandId: `screen-${n}`,
  type: "ScreenCandidate",
  occurredAt,
  actor: operator,
  data: { candidateId: `cand-${n}`, inOtherActiveMeasure: false, scores: null },
});

/** Profiling scores that put an applicant in target under the illustrative profile. */
const IN_TARGET_SCORES = [
  ...["unemployment_length", "work_experience", "skills_gap", "job_search_autonomy"].map((item) => ({
    item,
    score: 2,
  })),
  ...["economic_hardship", "housing", "family_network", "social_isolation"].map((item) => ({
    item,
    score: 1,
  })),
  ...["physical_health", "mental_health", "dependencies"].map((item) => ({ item, score: 0 })),
];

export const screenInTarget = (n: number, occurredAt: string) => ({
  ...screenCandidate(n, occurredAt),
  data: { candidateId: `cand-${n}`, inOtherActiveMeasure: false, scores: IN_TARGET_SCORES },
});

export const recordFirstInterview = (n: number, occurredAt: string) => ({
  commandId: `interview-${n}`,
  type: "RecordFirstInterview",
  occurredAt,
  actor: operator,
  data: {
    candidateId: `cand-${n}`,
    outcome: "immediately_placeable",
    transversalSkills: [{ skill: "reliability", level: 3 }],
    cv: {
      languages: [{ language: "it", level: "native" }],
      experiences: [{ sector: "I", occupationGroup: 5, years: 4 }],
      drivingLicence: true,
      availability: { fullTime: true, partTime: true, shifts: false, weekends: false },
      desiredSectors: ["I"],
    },
  },
});
