import type { FragilityProfile } from "./profile.js";

/**
 * ILLUSTRATIVE, NOT OFFICIAL. Mirrors the structure of the regional "profilo di fragilità" (labour, social and
 * health dimensions scored by a multiprofessional team) with invented items, weights and thresholds, because the
 * official ones are not published. Every number is explained in docs/fragility-profile.md.
 */
export const ILLUSTRATIVE_FRAGILITY_PROFILE: FragilityProfile = {
  id: "illustrative-lr14",
  version: 1,
  validFrom: "2017-01-01",
  label: "Illustrative L.R. 14/2015 fragility profile (not the official items)",
  illustrative: true,
  source: "docs/fragility-profile.md",
  scale: { min: 0, max: 3 },
  dimensions: [
    {
      id: "labour",
      label: "Work",
      weight: 2,
      items: [
        { id: "unemployment_length", label: "Length of unemployment", weight: 2 },
        { id: "work_experience", label: "Lack of recent work experience", weight: 1 },
        { id: "skills_gap", label: "Gap between skills and demand", weight: 1 },
        { id: "job_search_autonomy", label: "Lack of autonomy in job search", weight: 1 },
      ],
    },
    {
      id: "social",
      label: "Social",
      weight: 1,
      items: [
        { id: "economic_hardship", label: "Economic hardship", weight: 2 },
        { id: "housing", label: "Housing problems", weight: 1 },
        { id: "family_network", label: "Weak family network or care burden", weight: 1 },
        { id: "social_isolation", label: "Social isolation", weight: 1 },
      ],
    },
    {
      id: "health",
      label: "Health",
      weight: 1,
      items: [
        { id: "physical_health", label: "Physical health limiting work", weight: 1 },
        { id: "mental_health", label: "Psychological distress limiting work", weight: 1 },
        { id: "dependencies", label: "Dependencies", weight: 1 },
      ],
    },
  ],
  conclamata: { primary: "labour", together: ["social", "health"], thresholdPermille: 667 },
  targetFloorPermille: 200,
};
