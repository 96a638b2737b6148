import { readFileSync } from "node:fs";
import { canonicalJson } from "@insieme/kernel";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  addConfigurationVersions,
  type ConfigurationVersion,
  configurationByRef,
  configurationHash,
  configurationInForce,
  configurationJsonSchema,
  ILLUSTRATIVE_CONFIGURATION,
  parseConfiguration,
  releaseCalendarAt,
} from "../src/index.js";

const base = (): ConfigurationVersion =>
  structuredClone(ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules) as ConfigurationVersion;

const version = (n: number, inForceFrom: string, change: (v: ConfigurationVersion) => void = () => {}) => {
  const v = base();
  v.version = n;
  v.inForceFrom = inForceFrom;
  change(v);
  return v;
};

const messageOf = (json: unknown): string => {
  const parsed = parseConfiguration(json, "test.json");
  if (E.isRight(parsed)) throw new Error("expected a refusal");
  return parsed.left.message;
};

describe("programme configuration", () => {
  it("docs/configuration.schema.json is the schema generated from the zod schema", () => {
    const committed = readFileSync(
      new URL("../../../docs/configuration.schema.json", import.meta.url),
      "utf8",
    );
    expect(committed, "regenerate with `pnpm --filter @insieme/domain gen:schema`").toBe(
      `${canonicalJson(configurationJsonSchema(), 2)}\n`,
    );
  });

  it("the illustrative configuration holds the Bologna programme's rules", () => {
    const rules = base();
    expect(rules.id).toBe("insieme-bologna-illustrative");
    expect(rules.illustrative).toBe(true);
    expect(rules.territory.municipalities).toHaveLength(55);
    expect(rules.territory.municipalities.find((m) => m.istat === "037006")?.areas).toHaveLength(6);
    expect(rules.onlineForm.openedOn).toBe("2017-12-01");
    expect(rules.eligibility.minimumAge).toBe(18);
    expect(rules.projects.sociale).toEqual({ grantLimitCents: 800_000, microcreditLimitCents: 2_500_000 });
    expect(rules.labels.interviewOutcome.immediately_placeable?.source).toBe("published");
    expect(rules.labels.referrer.parish_caritas?.source).toBe("ourReading");
  });

  it("the hash depends on the content only, not on the order of keys", () => {
    const rules = base();
    const reordered = JSON.parse(JSON.stringify(rules), (_k, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).reverse())
        : v,
    ) as ConfigurationVersion;
    expect(configurationHash(reordered)).toBe(configurationHash(rules));
    expect(configurationHash(version(1, "2017-01-01", (v) => (v.eligibility.minimumAge = 16)))).not.toBe(
      configurationHash(rules),
    );
  });

  it("the version in force on a date is the latest that came into force by then", () => {
    const added = addConfigurationVersions(
      ILLUSTRATIVE_CONFIGURATION,
      [version(2, "2019-03-01", (v) => (v.eligibility.minimumAge = 16))],
      "v2",
    );
    if (E.isLeft(added)) throw new Error(added.left.message);
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2016-01-01"), max: new Date("2022-12-31"), noInvalidDate: true }),
        (d) => {
          const day = d.toISOString().slice(0, 10);
          const found = configurationInForce(added.right, day);
          if (day < "2017-01-01") expect(found).toBeUndefined();
          else expect(found?.ref.version).toBe(day < "2019-03-01" ? 1 : 2);
        },
      ),
    );
    const v2 = added.right.versions[1];
    expect(v2 && configurationByRef(added.right, v2.ref)?.rules.eligibility.minimumAge).toBe(16);
    expect(v2 && configurationByRef(added.right, { ...v2.ref, hash: "0".repeat(64) })).toBeUndefined();
  });

  it("refuses the same id and version with another content, and keeps an identical one once", () => {
    const changed = version(1, "2017-01-01", (v) => (v.onlineForm.openedOn = "2017-06-01"));
    const refused = addConfigurationVersions(ILLUSTRATIVE_CONFIGURATION, [changed], "other.json");
    expect(E.isLeft(refused) && refused.left.message).toMatch(
      /configuration 'insieme-bologna-illustrative' version 1 is already known with another content/,
    );
    expect(messageOf({ versions: [base(), changed] })).toMatch(
      /version 1 is already known with another content/,
    );
    const same = addConfigurationVersions(ILLUSTRATIVE_CONFIGURATION, [base()], "same.json");
    expect(E.isRight(same) && same.right.versions).toHaveLength(1);
  });

  it("refuses versions whose dates do not grow with their numbers, and versions of another configuration", () => {
    expect(messageOf({ versions: [base(), version(2, "2016-05-01")] })).toMatch(
      /version 2 comes into force on 2016-05-01, not after version 1/,
    );
    expect(messageOf({ versions: [base(), version(2, "2018-01-01", (v) => (v.id = "other"))] })).toMatch(
      /belongs to configuration 'other'/,
    );
  });

  it("names the field of an invalid configuration", () => {
    expect(
      messageOf({ versions: [version(1, "2017-01-01", (v) => (v.eligibility.minimumAge = 3))] }),
    ).toMatch(/versions\.0\.eligibility\.minimumAge/);
    expect(
      messageOf({ versions: [version(1, "2017-01-01", (v) => delete v.labels.referrer.parish_caritas)] }),
    ).toMatch(/versions\.0\.labels\.referrer\.parish_caritas: no label for 'parish_caritas'/);
    expect(
      messageOf({
        versions: [
          version(1, "2017-01-01", (v) => {
            const m = v.territory.municipalities[1];
            if (m) m.district = "nowhere";
          }),
        ],
      }),
    ).toMatch(/territory\.municipalities\.1\.district: unknown district 'nowhere'/);
    expect(messageOf({ versions: [{ ...base(), surprise: true }] })).toMatch(/surprise/);
    expect(
      messageOf({
        versions: [version(1, "2017-01-01", (v) => (v.eligibility.socialServicesCrossCheck = ["058091"]))],
      }),
    ).toMatch(/comune 058091 is not in the territory/);
  });

  it("holds the release calendar of published reports, versioned: the version in force at publication applies", () => {
    expect(releaseCalendarAt(ILLUSTRATIVE_CONFIGURATION, "2026-12-05T12:00:00.000Z")).toEqual({
      start: "2017-05-01",
      period: "quarter",
      lagDays: 15,
      minCell: 3,
    });
    const monthly = addConfigurationVersions(
      ILLUSTRATIVE_CONFIGURATION,
      [version(2, "2020-01-01", (v) => (v.releaseCalendar = { ...v.releaseCalendar, period: "month" }))],
      "test",
    );
    if (E.isLeft(monthly)) throw new Error(monthly.left.message);
    expect(releaseCalendarAt(monthly.right, "2019-12-31T23:59:59.999Z").period).toBe("quarter");
    expect(releaseCalendarAt(monthly.right, "2020-01-01T00:00:00.000Z").period).toBe("month");
    // A clock before every version: the first version's calendar.
    expect(releaseCalendarAt(monthly.right, "2000-01-01T00:00:00.000Z").period).toBe("quarter");
    expect(
      messageOf({
        versions: [
          version(1, "2017-01-01", (v) => (v.releaseCalendar = { ...v.releaseCalendar, minCell: 2 })),
        ],
      }),
    ).toMatch(/versions\.0\.releaseCalendar\.minCell: minCell must be at least 3/);
    expect(
      messageOf({
        versions: [
          version(1, "2017-01-01", (v) => delete (v as { releaseCalendar?: unknown }).releaseCalendar),
        ],
      }),
    ).toMatch(/versions\.0\.releaseCalendar/);
    expect(
      messageOf({
        versions: [
          version(
            1,
            "2017-01-01",
            (v) => (v.releaseCalendar = { ...v.releaseCalendar, period: "week" as "month" }),
          ),
        ],
      }),
    ).toMatch(/period must be month, quarter or year/);
  });
});
