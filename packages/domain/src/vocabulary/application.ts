import { z } from "zod";

/** How an application reached the programme: the online form (open from 1 Dec 2017) or a desk. */
export const ApplicationChannel = z.enum(["online_form", "desk"]);
export type ApplicationChannel = z.infer<typeof ApplicationChannel>;

/** The "soggetto inviante": who sent the person to the programme. */
export const Referrer = z.enum([
  "self",
  "social_services",
  "parish_caritas",
  "trade_union",
  "employers_association",
  "job_centre",
  "third_sector",
  "other",
]);
export type Referrer = z.infer<typeof Referrer>;

/** Age bands of the published statistics ("under 35", "over 50", "50–64"), derived from the birth year. */
export const AgeBand = z.enum(["18_24", "25_34", "35_49", "50_64", "65_plus"]);
export type AgeBand = z.infer<typeof AgeBand>;

export const Gender = z.enum(["female", "male", "non_binary", "not_stated"]);
export type Gender = z.infer<typeof Gender>;

/** Highest education level reached (Italian school system, mapped to ISCED groups). */
export const EducationLevel = z.enum([
  "primary_or_none",
  "lower_secondary",
  "vocational_qualification",
  "upper_secondary",
  "tertiary",
]);
export type EducationLevel = z.infer<typeof EducationLevel>;

export const Citizenship = z.enum(["italian", "eu", "non_eu"]);
export type Citizenship = z.infer<typeof Citizenship>;

/** How long the person has been without work; `employed` fails the programme's unemployment rule. */
export const UnemploymentDuration = z.enum([
  "employed",
  "under_6_months",
  "6_12_months",
  "12_24_months",
  "over_24_months",
]);
export type UnemploymentDuration = z.infer<typeof UnemploymentDuration>;

/** Economic condition as an ISEE band (euro per year), or not declared. */
export const EconomicCondition = z.enum([
  "isee_0_6k",
  "isee_6k_12k",
  "isee_12k_20k",
  "isee_over_20k",
  "not_declared",
]);
export type EconomicCondition = z.infer<typeof EconomicCondition>;
