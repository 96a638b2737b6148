import { z } from "zod";
import { FragilityProfile } from "../fragility/profile.js";
import { RetentionPolicy } from "../retention/retention-policy.js";
import { AgeBand, ApplicationChannel, EducationLevel, Gender, Referrer } from "../vocabulary/application.js";
import { BoardChannel } from "../vocabulary/company.js";
import { InterviewOutcome } from "../vocabulary/interview.js";
import { CaseCloseReason, ContractType, PlacementOrder } from "../vocabulary/placement.js";
import { ProjectKind } from "../vocabulary/project.js";
import { NotInTargetReason, SocialServicesResult } from "../vocabulary/screening.js";
import { releaseCalendarSchema } from "./release-calendar.js";

/**
 * Where a value comes from: `published` when a public document of the programme (or ISTAT, or the law) states it,
 * `ourReading` when it is the project's own reading or invention (docs/configuration.md cites each).
 */
export const SourceKind = z.enum(["published", "ourReading"]);
export type SourceKind = z.infer<typeof SourceKind>;

export const Provenance = z
  .object({
    kind: SourceKind,
    /** The document (title, section) or the docs page that explains the reading. */
    reference: z.string().min(1),
  })
  .strict();
export type Provenance = z.infer<typeof Provenance>;

const Key = z.string().regex(/^[a-z0-9_]{1,64}$/, "expected 1-64 lowercase letters, digits or _");
const IsoDate = z.iso.date();
const Cents = z.number().int().min(0).max(10_000_000_000);
const Istat = z.string().regex(/^\d{6}$/, "expected a 6-digit ISTAT municipality code");

export const Label = z.object({ text: z.string().min(1), source: SourceKind }).strict();
export type Label = z.infer<typeof Label>;

/** The labels of one category, in the report's row order; every value of the category must have one. */
const labelsOf = <T extends string>(values: readonly T[]) =>
  z.record(Key, Label).superRefine((labels, ctx) => {
    for (const value of values) {
      if (labels[value] === undefined)
        ctx.addIssue({ code: "custom", message: `no label for '${value}'`, path: [value] });
    }
    for (const key of Object.keys(labels)) {
      if (!(values as readonly string[]).includes(key))
        ctx.addIssue({ code: "custom", message: `'${key}' is not a value of this category`, path: [key] });
    }
  });

/** Report labels of the domain's categories (the territory's names are in `territory`). */
export const ReportLabels = z
  .object({
    educationLevel: labelsOf(EducationLevel.options),
    ageBand: labelsOf(AgeBand.options),
    gender: labelsOf(Gender.options),
    referrer: labelsOf(Referrer.options),
    channel: labelsOf(ApplicationChannel.options),
    notInTargetReason: labelsOf(NotInTargetReason.options),
    socialServicesResult: labelsOf(SocialServicesResult.options),
    interviewOutcome: labelsOf(InterviewOutcome.options),
    boardChannel: labelsOf(BoardChannel.options),
    projectKind: labelsOf(ProjectKind.options),
    contractType: labelsOf(ContractType.options),
    placementOrder: labelsOf(PlacementOrder.options),
    caseCloseReason: labelsOf(CaseCloseReason.options),
    /** The "results" statistic's content as a whole (its rows are our reading of what the programme reports). */
    results: Label,
  })
  .strict();
export type ReportLabels = z.infer<typeof ReportLabels>;

export const TerritoryMunicipality = z
  .object({
    istat: Istat,
    name: z.string().min(1),
    /** The union of municipalities it belongs to, or null. */
    union: Key.nullable(),
    /** The social-health district. */
    district: Key,
    /** Sub-municipal areas (Bologna's quartieri); an applicant living here names one. Empty: none. */
    areas: z.array(z.object({ id: Key, name: z.string().min(1) }).strict()),
  })
  .strict();
export type TerritoryMunicipality = z.infer<typeof TerritoryMunicipality>;

export const Territory = z
  .object({
    name: z.string().min(1),
    /** The report's row header of sub-municipal areas (e.g. "Quartiere"). */
    areaLabel: z.string().min(1),
    /** The report's row label of people living outside the territory. */
    outsideLabel: z.string().min(1),
    unions: z.array(z.object({ id: Key, name: z.string().min(1) }).strict()),
    districts: z.array(z.object({ id: Key, name: z.string().min(1) }).strict()).min(1),
    municipalities: z.array(TerritoryMunicipality).min(1),
    source: Provenance,
  })
  .strict()
  .superRefine((t, ctx) => {
    const unions = new Set(t.unions.map((u) => u.id));
    const districts = new Set(t.districts.map((d) => d.id));
    const seen = new Set<string>();
    t.municipalities.forEach((m, i) => {
      if (seen.has(m.istat))
        ctx.addIssue({
          code: "custom",
          message: `ISTAT code ${m.istat} listed twice`,
          path: ["municipalities", i],
        });
      seen.add(m.istat);
      if (m.union !== null && !unions.has(m.union))
        ctx.addIssue({
          code: "custom",
          message: `unknown union '${m.union}'`,
          path: ["municipalities", i, "union"],
        });
      if (!districts.has(m.district))
        ctx.addIssue({
          code: "custom",
          message: `unknown district '${m.district}'`,
          path: ["municipalities", i, "district"],
        });
      if (new Set(m.areas.map((a) => a.id)).size !== m.areas.length)
        ctx.addIssue({
          code: "custom",
          message: "an area is listed twice",
          path: ["municipalities", i, "areas"],
        });
    });
  });
export type Territory = z.infer<typeof Territory>;

/** Who may host a placement: only companies in the Board di imprese, or any company. */
export const HostRule = z.enum(["board_members", "any_company"]);
export type HostRule = z.infer<typeof HostRule>;

const ProjectLimits = z
  .object({
    /** Highest grant per project (null: no limit set by the programme). */
    grantLimitCents: Cents.nullable(),
    microcreditLimitCents: Cents.nullable(),
  })
  .strict();

/**
 * One version of a programme's rules, in force from `inForceFrom` until the next version's date. A command is
 * decided by the version in force on its `occurredAt`; the event records the version's id, number and hash.
 */
export const ConfigurationVersion = z
  .object({
    /** The programme configuration's id; every version of one configuration shares it. */
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, "expected 1-64 lowercase letters, digits or -"),
    version: z.number().int().min(1),
    inForceFrom: IsoDate,
    label: z.string().min(1),
    /** True when any rule or label is not the programme's published one. */
    illustrative: z.boolean(),
    programme: z
      .object({
        name: z.string().min(1),
        promoters: z.array(z.string().min(1)).min(1),
        source: Provenance,
      })
      .strict(),
    /** L.R. 14/2015 fragility profile versions (each with its own `validFrom`). */
    fragilityProfiles: z.array(FragilityProfile).min(1),
    eligibility: z
      .object({
        minimumAge: z.number().int().min(14).max(99),
        /** Applicants must live (residence or domicile, as recorded in the application) in the territory. */
        livingInTerritory: z.boolean(),
        /** Applicants must be without work. */
        unemployed: z.boolean(),
        /** Applicants already in another active labour measure are not in target. */
        noOtherActiveMeasure: z.boolean(),
        /** Residents of these comuni are cross-checked with their social services. */
        socialServicesCrossCheck: z.array(Istat),
        source: Provenance,
      })
      .strict(),
    onlineForm: z
      .object({
        /** First day applications arrive through the online form; null: no online form. */
        openedOn: IsoDate.nullable(),
        source: Provenance,
      })
      .strict(),
    projects: z
      .object({
        autoimpiego: ProjectLimits,
        sociale: ProjectLimits,
        source: Provenance,
      })
      .strict(),
    hosts: z
      .object({
        internship: HostRule,
        hiring: HostRule,
        source: Provenance,
      })
      .strict(),
    /** A closed case may be re-opened (`ReopenCase`) within this many days of its closing; 0: the same day only. */
    reopening: z
      .object({
        reopenWithinDays: z.number().int().min(0).max(3650),
        source: Provenance,
      })
      .strict(),
    /**
     * How long personal data is kept after a person's last case closed (`insieme retention`): the version in force
     * on the day the retention is judged applies.
     */
    retention: RetentionPolicy.extend({ source: Provenance }),
    fundSources: z
      .array(
        z
          .object({
            id: Key,
            name: z.string().min(1),
            /** The pledged amount over the programme's life (null: not published). */
            pledgedCents: Cents.nullable(),
            source: Provenance,
          })
          .strict(),
      )
      .min(1),
    territory: Territory,
    labels: ReportLabels,
    /**
     * When published reports are released (periods, lag, threshold): the calendar of the version in force at the
     * moment of publication applies (`releaseCalendarAt`).
     */
    releaseCalendar: releaseCalendarSchema.extend({ source: Provenance }),
  })
  .strict()
  .superRefine((v, ctx) => {
    const istat = new Set(v.territory.municipalities.map((m) => m.istat));
    v.eligibility.socialServicesCrossCheck.forEach((code, i) => {
      if (!istat.has(code))
        ctx.addIssue({
          code: "custom",
          message: `comune ${code} is not in the territory`,
          path: ["eligibility", "socialServicesCrossCheck", i],
        });
    });
    if (new Set(v.fundSources.map((f) => f.id)).size !== v.fundSources.length)
      ctx.addIssue({ code: "custom", message: "a fund source is listed twice", path: ["fundSources"] });
    const profiles = new Set(v.fragilityProfiles.map((p) => `${p.id}@${p.version}`));
    if (profiles.size !== v.fragilityProfiles.length)
      ctx.addIssue({
        code: "custom",
        message: "a profile id and version is listed twice",
        path: ["fragilityProfiles"],
      });
  });
export type ConfigurationVersion = z.infer<typeof ConfigurationVersion>;

/** A configuration file: one or more versions of one programme's rules. */
export const ConfigurationFile = z
  .object({
    $schema: z.string().optional(),
    versions: z.array(ConfigurationVersion).min(1),
  })
  .strict();
export type ConfigurationFile = z.infer<typeof ConfigurationFile>;

/** What an event records of the configuration that decided it. */
export const ConfigurationRef = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  version: z.number().int().min(1),
  /** SHA-256 (hex) of the version's canonical JSON. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ConfigurationRef = z.infer<typeof ConfigurationRef>;
