import { z } from "zod";

export const InterviewOutcome = z.enum([
  "immediately_placeable",
  "empowerment_path",
  "referred_elsewhere",
  "withdrawn",
  "no_show",
]);
export type InterviewOutcome = z.infer<typeof InterviewOutcome>;

/** Transversal skills the first interview focuses on. */
export const TransversalSkill = z.enum([
  "communication",
  "teamwork",
  "problem_solving",
  "reliability",
  "adaptability",
  "autonomy",
  "time_management",
  "learning_to_learn",
]);
export type TransversalSkill = z.infer<typeof TransversalSkill>;

/** 1 = to develop, 4 = strong. */
export const SkillLevel = z.number().int().min(1).max(4);

export const EmpowermentActivityKind = z.enum([
  "orientation",
  "active_search_support",
  "work_education",
  "training",
]);
export type EmpowermentActivityKind = z.infer<typeof EmpowermentActivityKind>;

export const EmpowermentActivityResult = z.enum(["completed", "abandoned"]);
export type EmpowermentActivityResult = z.infer<typeof EmpowermentActivityResult>;
