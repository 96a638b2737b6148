import type { Projection } from "@insieme/kernel";
import { decidedUnderProjection } from "./decided-under.js";
import { applicantsProfile } from "./projections/applicants-profile.js";
import { applicationsTrend } from "./projections/applications-trend.js";
import { companies } from "./projections/companies.js";
import { firstInterviewOutcomes } from "./projections/first-interview-outcomes.js";
import { immediatelyPlaceable } from "./projections/immediately-placeable.js";
import { placementDurability } from "./projections/placement-durability.js";
import { projects } from "./projections/projects.js";
import { referrers } from "./projections/referrers.js";
import { results } from "./projections/results.js";
import { screeningOutcomes } from "./projections/screening-outcomes.js";
import { socialServicesCheck } from "./projections/social-services-check.js";
import { territory } from "./projections/territory.js";
import type { StatisticDefinition } from "./statistic.js";

/** Every statistic of "4. I numeri", in the report's order. */
// biome-ignore lint/suspicious/noExplicitAny: statistics of different state types live in one list
export const STATISTICS: readonly StatisticDefinition<any>[] = [
  applicationsTrend,
  applicantsProfile,
  referrers,
  screeningOutcomes,
  territory,
  socialServicesCheck,
  firstInterviewOutcomes,
  immediatelyPlaceable,
  companies,
  projects,
  results,
  placementDurability,
];

/**
 * The projections behind the report, for a `ProjectionRunner` or `StatisticsReplay`: one per statistic, then the
 * configuration versions the events were decided under.
 */
export const statisticsProjections = (): readonly Projection<unknown>[] => [
  ...STATISTICS.map((s) => s.projection),
  decidedUnderProjection as Projection<unknown>,
];
