import type { CommandInputEnvelope } from "@insieme/domain";

/**
 * The statistics recomputed from the commands alone, independently of events and projections: what each
 * statistic must say for the window [from, to] (inclusive days; stock statistics up to `to`).
 */
export interface Window {
  readonly from: string | null;
  readonly to: string | null;
}

type Counts = Record<string, number>;

const inc = (counts: Counts, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

const ageBand = (age: number): string =>
  age < 25 ? "18_24" : age < 35 ? "25_34" : age < 50 ? "35_49" : age < 65 ? "50_64" : "65_plus";

type Of<T extends CommandInputEnvelope["type"]> = Extract<CommandInputEnvelope, { type: T }>;

/** The outcome the screening rules and the illustrative profile give for the scenario's score patterns. */
const screeningOf = (
  application: Of<"SubmitApplication">["data"],
  screen: Of<"ScreenCandidate">["data"],
): string => {
  if (!application.residence.municipalityIstat.startsWith("037")) return "outside_metro_area";
  if (application.unemploymentDuration === "employed") return "not_unemployed";
  if (screen.inOtherActiveMeasure) return "in_other_active_measure";
  const score = new Map((screen.scores ?? []).map((s) => [s.item, s.score]));
  const all = (items: string[], v: number) => items.every((i) => score.get(i) === v);
  const labour = ["unemployment_length", "work_experience", "skills_gap", "job_search_autonomy"];
  if (
    all(labour, 3) &&
    (all(["economic_hardship", "housing", "family_network", "social_isolation"], 3) ||
      all(["physical_health", "mental_health", "dependencies"], 3))
  ) {
    return "fragility_conclamata";
  }
  if ([...score.values()].every((v) => v === 0)) return "no_difficulty";
  return "in_target";
};

export interface Expected {
  applicationsByMonth: Counts;
  education: Counts;
  ageBand: Counts;
  gender: Counts;
  referrerChannel: Counts;
  screening: Counts;
  quartiere: Counts;
  municipality: Counts;
  socialServices: Counts;
  cohort: Counts;
  placeable: { interviewed: number; placeable: number; education: Counts; ageBand: Counts; gender: Counts };
  companies: Counts;
  companiesActive: number;
  projects: Record<string, Counts>;
  hirings: Counts;
  internships: number;
  autonomy: number;
}

export const oracle = (commands: readonly CommandInputEnvelope[], window: Window): Expected => {
  const day = (c: CommandInputEnvelope) => (c.occurredAt ?? "").slice(0, 10);
  const within = (d: string) =>
    (window.from === null || d >= window.from) && (window.to === null || d <= window.to);
  const upTo = (d: string) => window.to === null || d <= window.to;
  const e: Expected = {
    applicationsByMonth: {},
    education: {},
    ageBand: {},
    gender: {},
    referrerChannel: {},
    screening: {},
    quartiere: {},
    municipality: {},
    socialServices: {},
    cohort: {},
    placeable: { interviewed: 0, placeable: 0, education: {}, ageBand: {}, gender: {} },
    companies: {},
    companiesActive: 0,
    projects: {},
    hirings: {},
    internships: 0,
    autonomy: 0,
  };
  const applications = new Map<
    string,
    { data: Of<"SubmitApplication">["data"]; day: string; inTarget: boolean; hired: number }
  >();
  const companies = new Map<string, { channel: string; active: boolean }>();
  const projects = new Map<string, { kind: string; state: string; submitted: string }>();
  const projectEvents: { day: string; apply: () => void }[] = [];
  const lastInterviews = new Map<string, { day: string; outcome: string }>();
  for (const c of commands) {
    const d = day(c);
    switch (c.type) {
      case "SubmitApplication": {
        const a = c.data;
        applications.set(a.candidateId, { data: a, day: d, inTarget: false, hired: 0 });
        if (within(d)) {
          inc(e.applicationsByMonth, d.slice(0, 7));
          inc(e.education, a.educationLevel);
          inc(e.ageBand, ageBand(Number(d.slice(0, 4)) - a.birthYear));
          inc(e.gender, a.gender);
          inc(e.referrerChannel, `${a.referrer}/${a.channel}`);
          inc(e.cohort, "applications");
        }
        break;
      }
      case "ScreenCandidate": {
        const a = applications.get(c.data.candidateId);
        if (a === undefined) throw new Error("screening without application");
        const outcome = screeningOf(a.data, c.data);
        a.inTarget = outcome === "in_target";
        if (within(d)) {
          inc(e.screening, outcome);
          if (a.inTarget) {
            inc(e.municipality, a.data.residence.municipalityIstat);
            if (a.data.residence.quartiere !== null) inc(e.quartiere, a.data.residence.quartiere);
          }
        }
        if (!a.inTarget && within(a.day)) inc(e.cohort, "screened_out");
        break;
      }
      case "RecordSocialServicesCheck":
        if (within(d)) inc(e.socialServices, c.data.result);
        break;
      case "RecordFirstInterview": {
        const a = applications.get(c.data.candidateId);
        if (a === undefined) throw new Error("interview without application");
        // A no_show may be followed by another interview: the last one counts.
        lastInterviews.set(c.data.candidateId, { day: d, outcome: c.data.outcome });
        break;
      }
      case "JoinBoard":
        if (upTo(d)) companies.set(c.data.companyId, { channel: c.data.channel, active: false });
        break;
      case "DeclareCompanyNeeds":
      case "OfferOpportunity": {
        const co = companies.get(c.data.companyId);
        if (co !== undefined && upTo(d)) co.active = true;
        break;
      }
      case "LeaveBoard":
        if (upTo(d)) companies.delete(c.data.companyId);
        break;
      case "SubmitProject":
        if (upTo(d)) projects.set(c.data.projectId, { kind: c.data.kind, state: "waiting", submitted: d });
        break;
      case "StartProjectEvaluation":
      case "RejectProject":
      case "ApproveProject": {
        const next =
          c.type === "StartProjectEvaluation"
            ? "underEvaluation"
            : c.type === "RejectProject"
              ? "notEligible"
              : "approved";
        const id = c.data.projectId;
        projectEvents.push({
          day: d,
          apply: () => {
            const p = projects.get(id);
            if (p !== undefined) p.state = next;
          },
        });
        break;
      }
      case "RecordProjectJobs": {
        const { projectId, jobs } = c.data;
        projectEvents.push({
          day: d,
          apply: () => {
            const p = projects.get(projectId);
            if (p !== undefined) {
              e.projects[p.kind] ??= {};
              inc(e.projects[p.kind] as Counts, "jobsCreated", jobs);
            }
          },
        });
        break;
      }
      case "StartInternship":
        if (within(d)) e.internships++;
        break;
      case "RecordHiring": {
        const a = applications.get(c.data.candidateId);
        if (a === undefined) throw new Error("hiring without application");
        a.hired++;
        if (within(d)) inc(e.hirings, `${c.data.contractType}/${a.hired === 1 ? "first_time" : "repeat"}`);
        break;
      }
      case "CloseCase":
        if (within(d) && c.data.reason === "autonomy") e.autonomy++;
        break;
      default:
        break;
    }
  }
  for (const [candidateId, last] of lastInterviews) {
    const a = applications.get(candidateId);
    if (a === undefined) continue;
    if (within(a.day)) inc(e.cohort, last.outcome);
    if (within(last.day) && a.inTarget) {
      e.placeable.interviewed++;
      if (last.outcome === "immediately_placeable") {
        e.placeable.placeable++;
        inc(e.placeable.education, a.data.educationLevel);
        inc(e.placeable.ageBand, ageBand(Number(a.day.slice(0, 4)) - a.data.birthYear));
        inc(e.placeable.gender, a.data.gender);
      }
    }
  }
  for (const pe of projectEvents) if (upTo(pe.day)) pe.apply();
  for (const p of projects.values()) {
    e.projects[p.kind] ??= {};
    const counts = e.projects[p.kind] as Counts;
    inc(counts, "submitted");
    inc(counts, p.state);
  }
  for (const co of companies.values()) {
    inc(e.companies, co.channel);
    if (co.active) e.companiesActive++;
  }
  return e;
};
