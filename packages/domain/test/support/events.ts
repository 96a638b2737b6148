import type { CandidateEvent, EventData, SealedData } from "@insieme/domain";

export const SEALED: SealedData = {
  personId: "person-1",
  alg: "AES-256-GCM",
  iv: "AAAA",
  tag: "AAAA",
  ciphertext: "AAAA",
};
export const PERSON_KEY = "a".repeat(64);

export const applied = (overrides: Partial<EventData<"CandidateApplied">> = {}): CandidateEvent => ({
  type: "CandidateApplied",
  data: {
    candidateId: "c1",
    appliedOn: "2018-03-01",
    personId: "person-1",
    personKey: PERSON_KEY,
    channel: "desk",
    referrer: "self",
    profile: {
      birthYear: 1970,
      ageBand: "35_49",
      gender: "male",
      educationLevel: "lower_secondary",
      citizenship: "non_eu",
      residence: { municipalityIstat: "037006", quartiere: "savena" },
      unemploymentDuration: "over_24_months",
      economicCondition: "isee_0_6k",
    },
    personal: SEALED,
    ...overrides,
  },
});

export const screened = (
  outcome: EventData<"CandidateScreened">["outcome"] = "in_target",
): CandidateEvent => ({
  type: "CandidateScreened",
  data: {
    candidateId: "c1",
    rules: { territory: "met", unemployment: "met", noOtherActiveMeasure: "met" },
    profiling: null,
    outcome,
    notInTargetReason: outcome === "not_in_target" ? "other" : null,
  },
});

export const CV_EVENT = {
  educationLevel: "lower_secondary" as const,
  ageBand: "35_49" as const,
  languages: [],
  experiences: [],
  skills: [],
  drivingLicence: false,
  availability: { fullTime: true, partTime: false, shifts: false, weekends: false },
  desiredSectors: [],
};

export const interviewed = (
  outcome: EventData<"FirstInterviewHeld">["outcome"] = "immediately_placeable",
  heldOn = "2018-03-10",
): CandidateEvent => ({
  type: "FirstInterviewHeld",
  data: {
    candidateId: "c1",
    heldOn,
    outcome,
    transversalSkills: [],
    cv: outcome === "immediately_placeable" || outcome === "empowerment_path" ? CV_EVENT : null,
    daysFromApplication: 9,
  },
});

export const proposed = (proposalId = "p1", companyId = "acme"): CandidateEvent => ({
  type: "PlacementProposed",
  data: { candidateId: "c1", proposalId, companyId, opportunityId: null },
});

export const internshipStarted = (
  internshipId = "t1",
  proposalId = "p1",
  companyId = "acme",
): CandidateEvent => ({
  type: "InternshipStarted",
  data: {
    candidateId: "c1",
    internshipId,
    companyId,
    proposalId,
    startDate: "2018-04-01",
    plannedEndDate: "2018-09-30",
    committedCents: 270_000,
    commitmentId: `commit-${internshipId}`,
    fundYear: 2018,
  },
});

export const internshipEnded = (internshipId = "t1", companyId = "acme"): CandidateEvent => ({
  type: "InternshipEnded",
  data: { candidateId: "c1", internshipId, companyId, reason: "completed", unusedCents: 0 },
});

/** A candidate ready for paths: applied, in target, interviewed as immediately placeable. */
export const activeCandidate: readonly CandidateEvent[] = [applied(), screened(), interviewed()];

/** An application by a resident of `municipalityIstat` (outside Bologna, so no quartiere). */
export const appliedLivingIn = (municipalityIstat: string): CandidateEvent => {
  const base = applied();
  if (base.type !== "CandidateApplied") throw new Error("unreachable");
  return applied({ profile: { ...base.data.profile, residence: { municipalityIstat, quartiere: null } } });
};
