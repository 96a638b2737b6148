import { application, CV, cmd, type Data, IN_TARGET_SCORES, SKILLS, type World } from "./fixtures.js";
import { must } from "./outcomes.js";

/** Applies (person `n`), screens in target and interviews `candidateId` as immediately placeable: an active case. */
export const makeActive = async (w: World, candidateId: string, n: number): Promise<void> => {
  await must(w.insieme.execute(application(candidateId, n)));
  await must(
    w.insieme.execute(
      cmd("ScreenCandidate", { candidateId, inOtherActiveMeasure: false, scores: IN_TARGET_SCORES }),
    ),
  );
  await must(
    w.insieme.execute(
      cmd("RecordFirstInterview", {
        candidateId,
        outcome: "immediately_placeable",
        transversalSkills: SKILLS,
        cv: CV,
      }),
    ),
  );
};

/** Which proposal a placement command refers to, and when it happens (the `cmd` default unless told). */
interface PlacementOptions {
  readonly proposalId?: string | undefined;
  readonly occurredAt?: string | undefined;
}

/** The command proposing `candidateId` to `companyId`, with no opportunity (proposal "p1" unless told). */
export const proposal = (
  candidateId: string,
  companyId: string,
  { proposalId = "p1", occurredAt }: PlacementOptions = {},
) => cmd("ProposePlacement", { candidateId, proposalId, companyId, opportunityId: null }, occurredAt);

/** The command recording that `companyId` hires `candidateId` (fixed term unless told), with no internship. */
export const hiring = (
  candidateId: string,
  companyId: string,
  {
    proposalId = "p1",
    contractType = "fixed_term",
    occurredAt,
  }: PlacementOptions & { readonly contractType?: Data<"RecordHiring">["contractType"] } = {},
) =>
  cmd("RecordHiring", { candidateId, companyId, proposalId, internshipId: null, contractType }, occurredAt);

/** Proposes an active `candidateId` to `companyId` and records the hiring (at `occurredAt`); the hiring's outcome. */
export const proposeAndHire = async (
  w: World,
  candidateId: string,
  companyId: string,
  options: Parameters<typeof hiring>[2] = {},
) => {
  await must(w.insieme.execute(proposal(candidateId, companyId, { proposalId: options.proposalId })));
  return must(w.insieme.execute(hiring(candidateId, companyId, options)));
};
