import {
  addConfigurationVersions,
  type CommandInputEnvelope,
  codiceFiscaleCheckChar,
  createInsieme,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  type Insieme,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import { InMemoryEventStore, sequentialIds, steppingClock } from "@insieme/kernel";

export const HMAC_KEY = new Uint8Array(32).fill(7);

export interface World {
  readonly insieme: Insieme;
  readonly store: InMemoryEventStore;
  readonly vault: InMemoryPersonalDataVault;
}

/** The illustrative configuration with placements limited to Board members (a programme may choose so). */
export const boardMembersOnly = (): ProgrammeConfiguration => {
  const versions = ILLUSTRATIVE_CONFIGURATION.versions.map((v) => ({
    ...v.rules,
    id: "board-only",
    hosts: { ...v.rules.hosts, internship: "board_members" as const, hiring: "board_members" as const },
  }));
  const added = addConfigurationVersions(null, versions, "test");
  if (added._tag === "Left") throw new Error(added.left.message);
  return added.right;
};

export const makeWorld = (configuration: ProgrammeConfiguration = ILLUSTRATIVE_CONFIGURATION): World => {
  const store = new InMemoryEventStore(steppingClock("2026-01-01T00:00:00Z"));
  const vault = new InMemoryPersonalDataVault();
  const insieme = createInsieme({
    configuration,
    store,
    ids: sequentialIds("id"),
    personKey: HMAC_KEY,
    vault,
    clock: steppingClock("2018-06-01T09:00:00Z"),
  });
  return { insieme, store, vault };
};

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A valid codice fiscale derived from `n` (same n, same code). */
export const codiceFiscale = (n: number): string => {
  const letter = (k: number) => LETTERS.charAt(Math.abs(k) % 26);
  const first15 = `${letter(n)}${letter(n >> 3)}${letter(n >> 6)}${letter(n >> 9)}${letter(n >> 12)}${letter(n >> 15)}85T10A${String(100 + (n % 900)).padStart(3, "0")}`;
  return first15 + codiceFiscaleCheckChar(first15);
};

export const operator = { id: "op-1", role: "operator" } as const;
export const referent = { id: "ref-1", role: "technical_referent" } as const;
export const auditor = { id: "aud-1", role: "auditor" } as const;
export const companyUser = (companyId: string) =>
  ({ id: `user-${companyId}`, role: "company", companyId }) as const;

let counter = 0;
export const nextCommandId = (): string => `cmd-${++counter}`;

/** The data of a command of type `T`. */
export type Data<T extends CommandInputEnvelope["type"]> = Extract<CommandInputEnvelope, { type: T }>["data"];

export const cmd = <T extends CommandInputEnvelope["type"]>(
  type: T,
  data: Data<T>,
  occurredAt = "2018-03-01T09:00:00Z",
  actor: CommandInputEnvelope["actor"] = type === "StartProjectEvaluation" ||
  type === "RejectProject" ||
  type === "ApproveProject" ||
  type === "AllocateBudget" ||
  type === "ReleaseCommitment"
    ? referent
    : operator,
) => ({ commandId: nextCommandId(), type, occurredAt, actor, data });

export const application = (
  candidateId: string,
  n: number,
  overrides: Partial<Data<"SubmitApplication">> = {},
) =>
  cmd("SubmitApplication", {
    candidateId,
    channel: "online_form",
    referrer: "parish_caritas",
    birthYear: 1970,
    gender: "female",
    educationLevel: "upper_secondary",
    citizenship: "italian",
    residence: { municipalityIstat: "037006", quartiere: "navile" },
    unemploymentDuration: "12_24_months",
    economicCondition: "isee_6k_12k",
    personal: {
      givenName: "Maria",
      familyName: "Rossi",
      codiceFiscale: codiceFiscale(n),
      email: "maria@example.org",
      phone: "+39 051 000000",
    },
    ...overrides,
  });

/** Scores of the illustrative profile: labour 666‰, social 333‰, health 0 → index 416‰, in target. */
export const IN_TARGET_SCORES = [
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

export const CONCLAMATA_SCORES = IN_TARGET_SCORES.map((s) => ({
  item: s.item,
  score: s.item.endsWith("health") || s.item === "dependencies" ? 0 : 3,
}));

export const NO_DIFFICULTY_SCORES = IN_TARGET_SCORES.map((s) => ({ item: s.item, score: 0 }));

export const CV = {
  languages: [{ language: "it", level: "native" as const }],
  experiences: [{ sector: "I" as const, occupationGroup: 5, years: 4 }],
  drivingLicence: true,
  availability: { fullTime: true, partTime: true, shifts: false, weekends: false },
  desiredSectors: ["I" as const, "G" as const],
};

export const SKILLS = [
  { skill: "reliability" as const, level: 3 },
  { skill: "teamwork" as const, level: 2 },
];

export const joinBoard = (companyId: string, channel: Data<"JoinBoard">["channel"] = "confcommercio") =>
  cmd("JoinBoard", {
    companyId,
    name: `Company ${companyId}`,
    channel,
    size: "small",
    sector: "I",
    municipalityIstat: "037006",
  });
