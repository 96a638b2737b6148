import { type EventData, ProjectKind } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, sumDays } from "../day-code.js";
import { type FactsState, factsIn, KeyedFacts } from "../keyed-facts.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

export interface ProjectsState {
  /**
   * Per project: kind slot × 8 + state slot (1 waiting, 2 under evaluation, 3 not eligible, 4 approved,
   * 6 withdrawn by the promoter, 7 approval revoked).
   */
  projects: FactsState;
  /**
   * Per day, changes per kind (kind-major): submitted, waiting, under evaluation, not eligible, approved, jobs,
   * withdrawn, revoked.
   */
  days: DayBuckets;
}

export const PROJECT_COLUMNS = [
  { key: "submitted", label: "Presentati" },
  { key: "waiting", label: "In attesa" },
  { key: "underEvaluation", label: "In valutazione" },
  { key: "notEligible", label: "Non idonei" },
  { key: "approved", label: "Approvati / Finanziati" },
  { key: "jobsCreated", label: "Occupazione creata" },
  { key: "withdrawn", label: "Ritirati dal promotore (nostra lettura)" },
  { key: "revoked", label: "Approvazione revocata (nostra lettura)" },
] as const;

const KIND = indexOf(ProjectKind.options);
const COLUMNS = PROJECT_COLUMNS.length;
const WIDTH = ProjectKind.options.length * COLUMNS;
const JOBS = 5;

const add = (state: ProjectsState, event: RecordedEvent, kind: number, slot: number, delta: number): void => {
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const i = kind * COLUMNS + slot;
  slots[i] = (slots[i] as number) + delta;
};

const onSubmitted = (state: ProjectsState, event: RecordedEvent): ProjectsState => {
  const data = event.data as EventData<"ProjectSubmitted">;
  const projects = factsIn(state, "projects");
  if (projects.has(data.projectId)) return state;
  const kind = KIND.get(data.kind) as number;
  projects.set(data.projectId, kind * 8 + 1);
  add(state, event, kind, 0, 1);
  add(state, event, kind, 1, 1);
  return state;
};

const moveTo =
  (target: number) =>
  (state: ProjectsState, event: RecordedEvent): ProjectsState => {
    const id = (event.data as { readonly projectId: string }).projectId;
    const projects = factsIn(state, "projects");
    const code = projects.get(id);
    if (code === undefined || code % 8 === target) return state;
    const kind = Math.floor(code / 8);
    projects.set(id, kind * 8 + target);
    add(state, event, kind, code % 8, -1);
    add(state, event, kind, target, 1);
    return state;
  };

const countJobs = (state: ProjectsState, event: RecordedEvent, sign: 1 | -1): void => {
  const data = event.data as EventData<"ProjectJobsCreated">;
  add(state, event, KIND.get(data.kind) as number, JOBS, sign * data.jobs);
};

const onJobs = (state: ProjectsState, event: RecordedEvent): ProjectsState => {
  countJobs(state, event, 1);
  return state;
};

export const projectsProjection: Projection<ProjectsState> = {
  name: "statistics.projects",
  version: 3,
  initialState: () => ({ projects: new KeyedFacts(), days: {} }),
  handlers: {
    ProjectSubmitted: onSubmitted,
    ProjectEvaluationStarted: moveTo(2),
    ProjectFoundNotEligible: moveTo(3),
    ProjectApproved: moveTo(4),
    ProjectJobsCreated: onJobs,
    ProjectWithdrawn: moveTo(6),
    ProjectApprovalRevoked: moveTo(7),
    // Of the project facts it reads, only the jobs created change a count when corrected: submissions are not
    // voided, and an amendment of a decision changes its reason, never the project's state.
    FactCorrected: onCorrections({ ProjectJobsCreated: retractThenCount(countJobs) }),
  },
};

export const projects: StatisticDefinition<ProjectsState> = {
  id: "projects",
  title: "Progetti sociali in numeri",
  description:
    "Progetti di autoimpiego e progetti sociali presentati fino alla fine del periodo, per stato alla fine del periodo (ritirati dal promotore e approvazioni revocate a parte, non tra i non idonei né tra gli approvati), e occupazione creata. Non riguarda persone: nessuna soppressione.",
  chart: "bar",
  projection: projectsProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => window.to === null || d <= window.to);
    return {
      tables: [
        {
          key: "byKind",
          title: "Progetti per stato",
          unit: "projects",
          disclosureRule: "not-applicable",
          rowHeader: "Progetti",
          rowTotals: false,
          columns: PROJECT_COLUMNS,
          rows: Object.entries(rowsOf(ProjectKind.options, view.labels.projectKind)).map(
            ([key, label], k) => ({
              key,
              label,
              counts: PROJECT_COLUMNS.map((_, c) => slots[k * COLUMNS + c] ?? 0),
            }),
          ),
        },
      ],
    };
  },
};
