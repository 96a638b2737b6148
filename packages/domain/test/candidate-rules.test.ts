import {
  type CandidateCommand,
  type ConfigurationVersion,
  candidateDecider,
  ILLUSTRATIVE_CONFIGURATION,
  ILLUSTRATIVE_FRAGILITY_PROFILE,
  type ItemScore,
  type SealedData,
} from "@insieme/domain";
import { deciderSpec } from "@insieme/testing";
import { describe, it } from "vitest";
import {
  activeCandidate,
  applied,
  appliedLivingIn,
  CV_EVENT,
  internshipEnded,
  internshipStarted,
  interviewed,
  PERSON_KEY,
  proposed,
  SEALED,
  screened,
} from "./support/events.js";
import { CONCLAMATA_SCORES, IN_TARGET_SCORES, NO_DIFFICULTY_SCORES } from "./support/fixtures.js";

const spec = deciderSpec(candidateDecider);

const RULES = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules as ConfigurationVersion;

const apply = (overrides: Partial<Extract<CandidateCommand, { kind: "Apply" }>> = {}): CandidateCommand => ({
  kind: "Apply",
  candidateId: "c1",
  appliedOn: "2018-03-01",
  personId: "person-1",
  personKey: PERSON_KEY,
  channel: "desk",
  referrer: "self",
  birthYear: 1970,
  gender: "male",
  educationLevel: "lower_secondary",
  citizenship: "non_eu",
  residence: { municipalityIstat: "037006", quartiere: "savena" },
  unemploymentDuration: "over_24_months",
  economicCondition: "isee_0_6k",
  personal: SEALED,
  rules: RULES,
  ...overrides,
});

const screen = (scores: readonly ItemScore[] | null, inOtherActiveMeasure = false): CandidateCommand => ({
  kind: "Screen",
  inOtherActiveMeasure,
  scores,
  profile: ILLUSTRATIVE_FRAGILITY_PROFILE,
  rules: RULES,
});

const interview = (
  outcome: Extract<CandidateCommand, { kind: "HoldFirstInterview" }>["outcome"],
  withCv = true,
): CandidateCommand => ({
  kind: "HoldFirstInterview",
  heldOn: "2018-03-10",
  outcome,
  transversalSkills: [],
  cv: withCv
    ? {
        languages: CV_EVENT.languages,
        experiences: CV_EVENT.experiences,
        drivingLicence: false,
        availability: CV_EVENT.availability,
        desiredSectors: [],
      }
    : null,
});

const propose = (companyInBoard = true, proposalId = "p2"): CandidateCommand => ({
  kind: "ProposePlacement",
  proposalId,
  companyId: "acme",
  opportunityId: null,
  companyInBoard,
  hostRule: "board_members",
  opportunityOffered: true,
});

const startInternship = (
  internshipId = "t1",
  proposalId = "p1",
  companyInBoard = true,
): CandidateCommand => ({
  kind: "StartInternship",
  internshipId,
  proposalId,
  startDate: "2018-04-01",
  plannedEndDate: "2018-09-30",
  committedCents: 270_000,
  commitmentId: `commit-${internshipId}`,
  fundYear: 2018,
  companyInBoard,
  hostRule: "board_members",
});

const hire = (
  proposalId: string | null = "p1",
  internshipId: string | null = null,
  companyInBoard = true,
): CandidateCommand => ({
  kind: "Hire",
  companyId: "acme",
  hiredOn: "2018-05-10",
  proposalId,
  internshipId,
  contractType: "fixed_term",
  companyInBoard,
  hostRule: "board_members",
});

describe("candidate: application", () => {
  it("records the application with the age band computed from the birth year", () =>
    spec.given([]).when(apply()).thenEmits([applied()]));
  it("candidate-already-exists", () =>
    spec.given([applied()]).when(apply()).thenRejects("candidate-already-exists"));
  it("online-form-not-yet-open: the online form opened on 1 Dec 2017", () =>
    spec
      .given([])
      .when(apply({ channel: "online_form", appliedOn: "2017-11-30" }))
      .thenRejects("online-form-not-yet-open"));
  it("applicant-under-age", () =>
    spec
      .given([])
      .when(apply({ birthYear: 2005 }))
      .thenRejects("applicant-under-age"));
  it("takes the minimum age and the online form's date from the configuration version", () => {
    const younger = { ...RULES, eligibility: { ...RULES.eligibility, minimumAge: 13 + 1 } };
    spec
      .given([])
      .when(apply({ birthYear: 2003, rules: younger }))
      .thenEmitsTypes(["CandidateApplied"]);
    const noForm = { ...RULES, onlineForm: { ...RULES.onlineForm, openedOn: null } };
    spec
      .given([])
      .when(apply({ channel: "online_form", appliedOn: "2020-01-01", rules: noForm }))
      .thenRejects("online-form-not-yet-open");
  });
  it("residence-area-required", () =>
    spec
      .given([])
      .when(apply({ residence: { municipalityIstat: "037006", quartiere: null } }))
      .thenRejects("residence-area-required"));
  it("residence-area-unknown", () =>
    spec
      .given([])
      .when(apply({ residence: { municipalityIstat: "037006", quartiere: "trastevere" } }))
      .thenRejects("residence-area-unknown"));
  it("residence-area-not-expected", () =>
    spec
      .given([])
      .when(apply({ residence: { municipalityIstat: "037032", quartiere: "savena" } }))
      .thenRejects("residence-area-not-expected"));
  it("accepts a comune outside the territory (the screening's territory rule judges it)", () =>
    spec
      .given([])
      .when(apply({ residence: { municipalityIstat: "036023", quartiere: null } }))
      .thenEmitsTypes(["CandidateApplied"]));
});

describe("candidate: screening", () => {
  const rules = { territory: "met", unemployment: "met", noOtherActiveMeasure: "met" } as const;
  it("scores the profiling and puts the applicant in target", () =>
    spec
      .given([applied()])
      .when(screen(IN_TARGET_SCORES))
      .thenEmits([
        {
          type: "CandidateScreened",
          data: {
            candidateId: "c1",
            rules,
            profiling: {
              profileId: "illustrative-lr14",
              profileVersion: 1,
              scores: IN_TARGET_SCORES,
              dimensions: [
                { dimension: "labour", indexPermille: 666 },
                { dimension: "social", indexPermille: 333 },
                { dimension: "health", indexPermille: 0 },
              ],
              indexPermille: 416,
            },
            outcome: "in_target",
            notInTargetReason: null,
          },
        },
      ]));
  it("labour together with social problems is fragility conclamata", () => {
    const state = [applied()].reduce(candidateDecider.evolve, candidateDecider.initialState);
    const result = candidateDecider.decide(screen(CONCLAMATA_SCORES), state);
    if (result._tag === "Left" || result.right[0]?.type !== "CandidateScreened")
      throw new Error("expected a screening");
    if (result.right[0].data.outcome !== "fragility_conclamata")
      throw new Error(result.right[0].data.outcome);
  });
  it("no difficulty is not in target with reason no_difficulty", () => {
    const state = [applied()].reduce(candidateDecider.evolve, candidateDecider.initialState);
    const result = candidateDecider.decide(screen(NO_DIFFICULTY_SCORES), state);
    if (result._tag === "Left" || result.right[0]?.type !== "CandidateScreened")
      throw new Error("expected a screening");
    if (result.right[0].data.notInTargetReason !== "no_difficulty") throw new Error("wrong reason");
  });
  it("a resident outside the metro area fails the territory rule without profiling", () =>
    spec
      .given([appliedLivingIn("036023")])
      .when(screen(null))
      .thenEmits([
        {
          type: "CandidateScreened",
          data: {
            candidateId: "c1",
            rules: { ...rules, territory: "not_met" },
            profiling: null,
            outcome: "not_in_target",
            notInTargetReason: "outside_metro_area",
          },
        },
      ]));
  it("someone already in another active labour-policy measure is not in target", () =>
    spec
      .given([applied()])
      .when(screen(null, true))
      .thenEmits([
        {
          type: "CandidateScreened",
          data: {
            candidateId: "c1",
            rules: { ...rules, noOtherActiveMeasure: "not_met" },
            profiling: null,
            outcome: "not_in_target",
            notInTargetReason: "in_other_active_measure",
          },
        },
      ]));
  it("profiling-required", () =>
    spec.given([applied()]).when(screen(null)).thenRejects("profiling-required"));
  it("profiling-scores-incomplete", () =>
    spec
      .given([applied()])
      .when(screen(IN_TARGET_SCORES.slice(1)))
      .thenRejects("profiling-scores-incomplete"));
  it("profiling-score-out-of-scale", () =>
    spec
      .given([applied()])
      .when(screen(IN_TARGET_SCORES.map((s, i) => (i === 0 ? { ...s, score: 4 } : s))))
      .thenRejects("profiling-score-out-of-scale"));
  it("profiling-unknown-item", () =>
    spec
      .given([applied()])
      .when(screen([...IN_TARGET_SCORES, { item: "shoe_size", score: 1 }]))
      .thenRejects("profiling-unknown-item"));
  it("profiling-item-scored-twice", () =>
    spec
      .given([applied()])
      .when(screen([...IN_TARGET_SCORES, { item: "housing", score: 1 }]))
      .thenRejects("profiling-item-scored-twice"));
  it("already-screened", () =>
    spec.given([applied(), screened()]).when(screen(IN_TARGET_SCORES)).thenRejects("already-screened"));
  it("candidate-not-found", () =>
    spec.given([]).when(screen(IN_TARGET_SCORES)).thenRejects("candidate-not-found"));
});

describe("candidate: rules a configuration switches", () => {
  it("an employer outside the Board hosts a placement when the configuration allows any company", () => {
    const anyHost = (c: CandidateCommand): CandidateCommand =>
      ({ ...c, hostRule: "any_company" }) as CandidateCommand;
    spec
      .given([applied(), screened(), interviewed("immediately_placeable")])
      .when(anyHost(propose(false)))
      .thenEmitsTypes(["PlacementProposed"]);
    spec
      .given([applied(), screened(), interviewed("immediately_placeable"), proposed()])
      .when(anyHost(hire("p1", null, false)))
      .thenEmitsTypes(["CandidateHired"]);
  });
  it("without the territory rule, an applicant living elsewhere is in target", () =>
    spec
      .given([appliedLivingIn("036023")])
      .when({
        ...(screen(IN_TARGET_SCORES) as Extract<CandidateCommand, { kind: "Screen" }>),
        rules: { ...RULES, eligibility: { ...RULES.eligibility, livingInTerritory: false } },
      })
      .thenEmitsTypes(["CandidateScreened"]));
});

describe("candidate: social services cross-check", () => {
  const check: CandidateCommand = {
    kind: "CrossCheckSocialServices",
    result: "known",
    crossCheckMunicipalities: RULES.eligibility.socialServicesCrossCheck,
  };
  it("records the result for a Bologna resident in target", () =>
    spec
      .given([applied(), screened()])
      .when(check)
      .thenEmits([{ type: "SocialServicesCrossChecked", data: { candidateId: "c1", result: "known" } }]));
  it("cross-check-requires-in-target", () =>
    spec.given([applied()]).when(check).thenRejects("cross-check-requires-in-target"));
  it("cross-check-only-for-bologna-residents", () =>
    spec
      .given([appliedLivingIn("037032"), screened()])
      .when(check)
      .thenRejects("cross-check-only-for-bologna-residents"));
  it("cross-check-already-recorded", () =>
    spec
      .given([
        applied(),
        screened(),
        { type: "SocialServicesCrossChecked", data: { candidateId: "c1", result: "unknown" } },
      ])
      .when(check)
      .thenRejects("cross-check-already-recorded"));
});

describe("candidate: first interview", () => {
  it("records the CV with education and age band from the case", () =>
    spec.given([applied(), screened()]).when(interview("immediately_placeable")).thenEmits([interviewed()]));
  it("screening-required-before-interview", () =>
    spec
      .given([applied()])
      .when(interview("immediately_placeable"))
      .thenRejects("screening-required-before-interview"));
  it("interview-requires-in-target", () =>
    spec
      .given([applied(), screened("not_in_target")])
      .when(interview("immediately_placeable"))
      .thenRejects("interview-requires-in-target"));
  it("first-interview-already-held", () =>
    spec
      .given(activeCandidate)
      .when(interview("empowerment_path"))
      .thenRejects("first-interview-already-held"));
  it("cv-required-for-outcome", () =>
    spec
      .given([applied(), screened()])
      .when(interview("empowerment_path", false))
      .thenRejects("cv-required-for-outcome"));
  it("cv-only-for-path-outcomes", () =>
    spec
      .given([applied(), screened()])
      .when(interview("withdrawn", true))
      .thenRejects("cv-only-for-path-outcomes"));
  it("a no-show keeps the candidate waiting for the interview", () =>
    spec
      .given([applied(), screened(), interviewed("no_show")])
      .when(interview("empowerment_path"))
      .thenEmits([interviewed("empowerment_path")]));
  it("no-show-has-no-assessment", () =>
    spec
      .given([applied(), screened()])
      .when({
        ...interview("no_show", false),
        transversalSkills: [{ skill: "teamwork", level: 2 }],
      } as CandidateCommand)
      .thenRejects("no-show-has-no-assessment"));
  it("interview-before-application", () =>
    spec
      .given([applied(), screened()])
      .when({ ...interview("immediately_placeable"), heldOn: "2018-01-01" } as CandidateCommand)
      .thenRejects("interview-before-application"));
});

describe("candidate: empowerment", () => {
  const start: CandidateCommand = {
    kind: "StartEmpowermentActivity",
    activityId: "a1",
    activity: "orientation",
  };
  it("starts an activity", () =>
    spec
      .given(activeCandidate)
      .when(start)
      .thenEmits([
        {
          type: "EmpowermentActivityStarted",
          data: { candidateId: "c1", activityId: "a1", kind: "orientation" },
        },
      ]));
  it("path-requires-first-interview", () =>
    spec.given([applied(), screened()]).when(start).thenRejects("path-requires-first-interview"));
  it("path-requires-in-target", () =>
    spec.given([applied()]).when(start).thenRejects("path-requires-in-target"));
  it("activity-already-exists", () =>
    spec
      .given([
        ...activeCandidate,
        {
          type: "EmpowermentActivityStarted",
          data: { candidateId: "c1", activityId: "a1", kind: "training" },
        },
      ])
      .when(start)
      .thenRejects("activity-already-exists"));
  it("activity-not-running", () =>
    spec
      .given(activeCandidate)
      .when({ kind: "EndEmpowermentActivity", activityId: "a9", result: "completed" })
      .thenRejects("activity-not-running"));
});

describe("candidate: placement, internship, hiring", () => {
  it("placement-requires-in-target", () =>
    spec.given([applied()]).when(propose()).thenRejects("placement-requires-in-target"));
  it("placement-requires-in-target also after a negative screening", () =>
    spec
      .given([applied(), screened("fragility_conclamata")])
      .when(propose())
      .thenRejects("placement-requires-in-target"));
  it("placement-company-not-in-board", () =>
    spec.given(activeCandidate).when(propose(false)).thenRejects("placement-company-not-in-board"));
  it("opportunity-not-offered-by-company", () =>
    spec
      .given(activeCandidate)
      .when({ ...propose(), opportunityId: "x", opportunityOffered: false } as CandidateCommand)
      .thenRejects("opportunity-not-offered-by-company"));
  it("proposal-already-exists", () =>
    spec
      .given([...activeCandidate, proposed("p2")])
      .when(propose())
      .thenRejects("proposal-already-exists"));
  it("records an offer refused with its reason", () =>
    spec
      .given([...activeCandidate, proposed()])
      .when({ kind: "RefuseOffer", proposalId: "p1", refusedBy: "candidate", reason: "distance" })
      .thenEmits([
        {
          type: "OfferRefused",
          data: {
            candidateId: "c1",
            proposalId: "p1",
            companyId: "acme",
            refusedBy: "candidate",
            reason: "distance",
          },
        },
      ]));
  it("proposal-not-found", () =>
    spec
      .given(activeCandidate)
      .when({ kind: "RefuseOffer", proposalId: "p1", refusedBy: "candidate", reason: "pay" })
      .thenRejects("proposal-not-found"));
  it("proposal-not-open", () =>
    spec
      .given([...activeCandidate, proposed(), internshipStarted()])
      .when({ kind: "RefuseOffer", proposalId: "p1", refusedBy: "candidate", reason: "pay" })
      .thenRejects("proposal-not-open"));
  it("starts an internship from an open proposal", () =>
    spec
      .given([...activeCandidate, proposed()])
      .when(startInternship())
      .thenEmits([internshipStarted()]));
  it("internship-requires-proposal", () =>
    spec.given(activeCandidate).when(startInternship()).thenRejects("internship-requires-proposal"));
  it("internship-company-not-in-board", () =>
    spec
      .given([...activeCandidate, proposed()])
      .when(startInternship("t1", "p1", false))
      .thenRejects("internship-company-not-in-board"));
  it("one-active-internship", () =>
    spec
      .given([...activeCandidate, proposed(), internshipStarted(), proposed("p2", "beta")])
      .when(startInternship("t2", "p2"))
      .thenRejects("one-active-internship"));
  it("internship-already-exists", () =>
    spec
      .given([...activeCandidate, proposed(), internshipStarted(), internshipEnded(), proposed("p2")])
      .when(startInternship("t1", "p2"))
      .thenRejects("internship-already-exists"));
  it("internship-dates-invalid", () =>
    spec
      .given([...activeCandidate, proposed()])
      .when({ ...startInternship(), plannedEndDate: "2018-01-01" } as CandidateCommand)
      .thenRejects("internship-dates-invalid"));
  it("internship-not-active", () =>
    spec
      .given(activeCandidate)
      .when({ kind: "EndInternship", internshipId: "t1", reason: "completed", unusedCents: 0 })
      .thenRejects("internship-not-active"));
  it("release-exceeds-commitment", () =>
    spec
      .given([...activeCandidate, proposed(), internshipStarted()])
      .when({ kind: "EndInternship", internshipId: "t1", reason: "interrupted", unusedCents: 270_001 })
      .thenRejects("release-exceeds-commitment"));
  it("hires after an internship, first time, counting days from the first interview", () =>
    spec
      .given([...activeCandidate, proposed(), internshipStarted(), internshipEnded()])
      .when(hire("p1", "t1"))
      .thenEmits([
        {
          type: "CandidateHired",
          data: {
            candidateId: "c1",
            companyId: "acme",
            hiredOn: "2018-05-10",
            proposalId: "p1",
            internshipId: "t1",
            contractType: "fixed_term",
            placementOrder: "first_time",
            daysFromFirstInterview: 61,
          },
        },
      ]));
  it("a second hiring is a repeat placement", () => {
    const first = candidateDecider.decide(
      hire(),
      [...activeCandidate, proposed()].reduce(candidateDecider.evolve, candidateDecider.initialState),
    );
    if (first._tag === "Left") throw new Error(first.left.rule);
    spec
      .given([...activeCandidate, proposed(), ...first.right, proposed("p2")])
      .when(hire("p2"))
      .thenEmits([
        {
          type: "CandidateHired",
          data: {
            candidateId: "c1",
            companyId: "acme",
            hiredOn: "2018-05-10",
            proposalId: "p2",
            internshipId: null,
            contractType: "fixed_term",
            placementOrder: "repeat",
            daysFromFirstInterview: 61,
          },
        },
      ]);
  });
  it("hiring-company-not-in-board", () =>
    spec
      .given([...activeCandidate, proposed()])
      .when(hire("p1", null, false))
      .thenRejects("hiring-company-not-in-board"));
  it("hiring-requires-proposal-or-internship", () =>
    spec.given(activeCandidate).when(hire(null, null)).thenRejects("hiring-requires-proposal-or-internship"));
  it("internship-still-active: the internship ends before the hiring", () =>
    spec
      .given([...activeCandidate, proposed(), internshipStarted()])
      .when(hire("p1", "t1"))
      .thenRejects("internship-still-active"));
  it("hiring-before-interview", () =>
    spec
      .given([...activeCandidate, proposed()])
      .when({ ...hire(), hiredOn: "2018-03-01" } as CandidateCommand)
      .thenRejects("hiring-before-interview"));
});

describe("candidate: projects, notes, closing", () => {
  it("links a project", () =>
    spec
      .given(activeCandidate)
      .when({ kind: "LinkProject", projectId: "pr1", projectKind: "autoimpiego" })
      .thenEmits([
        { type: "ProjectPathLinked", data: { candidateId: "c1", projectId: "pr1", kind: "autoimpiego" } },
      ]));
  it("project-not-found", () =>
    spec
      .given(activeCandidate)
      .when({ kind: "LinkProject", projectId: "pr1", projectKind: null })
      .thenRejects("project-not-found"));
  it("project-already-linked", () =>
    spec
      .given([
        ...activeCandidate,
        { type: "ProjectPathLinked", data: { candidateId: "c1", projectId: "pr1", kind: "sociale" } },
      ])
      .when({ kind: "LinkProject", projectId: "pr1", projectKind: "sociale" })
      .thenRejects("project-already-linked"));
  const note = (noteId: string): CandidateCommand => ({
    kind: "RecordNote",
    noteId,
    note: SEALED as SealedData,
  });
  it("note-already-recorded", () =>
    spec
      .given([
        applied(),
        { type: "CaseNoteRecorded", data: { candidateId: "c1", noteId: "n1", note: SEALED } },
      ])
      .when(note("n1"))
      .thenRejects("note-already-recorded"));
  it("closes a case with autonomy", () =>
    spec
      .given(activeCandidate)
      .when({ kind: "CloseCase", reason: "autonomy" })
      .thenEmits([{ type: "CaseClosed", data: { candidateId: "c1", reason: "autonomy" } }]));
  it("autonomy requires a path: path-requires-first-interview", () =>
    spec
      .given([applied(), screened()])
      .when({ kind: "CloseCase", reason: "autonomy" })
      .thenRejects("path-requires-first-interview"));
  it("a candidate may drop out before the interview", () =>
    spec
      .given([applied()])
      .when({ kind: "CloseCase", reason: "dropped_out" })
      .thenEmits([{ type: "CaseClosed", data: { candidateId: "c1", reason: "dropped_out" } }]));
  it("case-not-open after closing", () =>
    spec
      .given([...activeCandidate, { type: "CaseClosed", data: { candidateId: "c1", reason: "moved" } }])
      .when(note("n2"))
      .thenRejects("case-not-open"));
  it("internship-still-active blocks closing", () =>
    spec
      .given([...activeCandidate, proposed(), internshipStarted()])
      .when({ kind: "CloseCase", reason: "moved" })
      .thenRejects("internship-still-active"));
});
