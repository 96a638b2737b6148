import { cmd, type Data, referent, type World } from "./fixtures.js";
import { must } from "./outcomes.js";

const AT = "2018-03-01T09:00:00Z";

/** The command submitting project `projectId` of `kind`, asking `requestedGrantCents` and no microcredit. */
export const projectSubmission = (
  projectId: string,
  kind: Data<"SubmitProject">["kind"],
  requestedGrantCents = 0,
  promoterCandidateIds: readonly string[] = [],
) =>
  cmd("SubmitProject", {
    projectId,
    kind,
    promoterCandidateIds: [...promoterCandidateIds],
    requestedGrantCents,
    requestedMicrocreditCents: 0,
  });

/** A 2018 budget of `budgetCents` from comune_bologna, and project pr1 (sociale) approved on it with a 600,000 grant. */
export const approvedProject = async (w: World, budgetCents: number): Promise<void> => {
  await must(
    w.insieme.execute(
      cmd("AllocateBudget", { year: 2018, source: "comune_bologna", amountCents: budgetCents }, AT, referent),
    ),
  );
  await must(w.insieme.execute(projectSubmission("pr1", "sociale", 600_000)));
  await must(w.insieme.execute(cmd("StartProjectEvaluation", { projectId: "pr1" }, AT, referent)));
  await must(
    w.insieme.execute(
      cmd(
        "ApproveProject",
        { projectId: "pr1", grantCents: 600_000, microcreditCents: 0, source: "comune_bologna" },
        AT,
        referent,
      ),
    ),
  );
};
