import {
  addConfigurationVersions,
  type ConfigurationVersion,
  createInsieme,
  FragilityProfile,
  findProfile,
  ILLUSTRATIVE_CONFIGURATION,
  ILLUSTRATIVE_FRAGILITY_PROFILE,
  InMemoryPersonalDataVault,
  profileInForce,
} from "@insieme/domain";
import { InMemoryEventStore, sequentialIds } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { application, cmd, HMAC_KEY, IN_TARGET_SCORES } from "./support/fixtures.js";

/** A later version that lowers the conclamata threshold: the same scores become fragility conclamata. */
const stricter: FragilityProfile = {
  ...ILLUSTRATIVE_FRAGILITY_PROFILE,
  version: 2,
  validFrom: "2019-01-01",
  conclamata: { ...ILLUSTRATIVE_FRAGILITY_PROFILE.conclamata, thresholdPermille: 300 },
};

/** The illustrative configuration with a second version, in force from 2019, that adds the stricter profile. */
const withStricter = () => {
  const v1 = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules as ConfigurationVersion;
  const added = addConfigurationVersions(
    ILLUSTRATIVE_CONFIGURATION,
    [
      {
        ...v1,
        version: 2,
        inForceFrom: "2019-01-01",
        fragilityProfiles: [ILLUSTRATIVE_FRAGILITY_PROFILE, stricter],
      },
    ],
    "test",
  );
  if (E.isLeft(added)) throw new Error(added.left.message);
  return added.right;
};

describe("versioned fragility profiles", () => {
  it("picks the version in force on the screening date", () => {
    const profiles = [ILLUSTRATIVE_FRAGILITY_PROFILE, stricter];
    expect(profileInForce(profiles, "2018-12-31")?.version).toBe(1);
    expect(profileInForce(profiles, "2019-01-01")?.version).toBe(2);
    expect(profileInForce(profiles, "2016-12-31")).toBeUndefined();
    expect(findProfile(profiles, "illustrative-lr14", 2)).toBe(stricter);
  });

  it("a screening records the version it used, so the same scores give the outcome of the rules then in force", async () => {
    const store = new InMemoryEventStore();
    const insieme = createInsieme({
      configuration: withStricter(),
      store,
      ids: sequentialIds("id"),
      personKey: HMAC_KEY,
      vault: new InMemoryPersonalDataVault(),
    });
    for (const [id, n, at] of [
      ["c1", 1, "2018-06-01T09:00:00Z"],
      ["c2", 2, "2019-06-01T09:00:00Z"],
    ] as const) {
      expect(E.isRight(await insieme.execute({ ...application(id, n), occurredAt: at }))).toBe(true);
      const screened = await insieme.execute({
        ...cmd("ScreenCandidate", { candidateId: id, inOtherActiveMeasure: false, scores: IN_TARGET_SCORES }),
        occurredAt: at,
      });
      expect(E.isRight(screened)).toBe(true);
    }
    const screenings = [...store.events()].filter((e) => e.type === "CandidateScreened").map((e) => e.data);
    expect(screenings).toMatchObject([
      { profiling: { profileVersion: 1, indexPermille: 416 }, outcome: "in_target" },
      { profiling: { profileVersion: 2, indexPermille: 416 }, outcome: "fragility_conclamata" },
    ]);
  });

  it("rejects an invalid profile at start-up", () => {
    const broken = {
      ...ILLUSTRATIVE_FRAGILITY_PROFILE,
      conclamata: { primary: "labour", together: ["nope"], thresholdPermille: 500 },
    };
    expect(FragilityProfile.safeParse(broken).success).toBe(false);
    const v1 = ILLUSTRATIVE_CONFIGURATION.versions[0];
    if (v1 === undefined) throw new Error("no version");
    expect(() =>
      createInsieme({
        configuration: {
          id: v1.ref.id,
          versions: [
            { ref: v1.ref, rules: { ...v1.rules, fragilityProfiles: [broken as FragilityProfile] } },
          ],
        },
        store: new InMemoryEventStore(),
        ids: sequentialIds("x"),
        personKey: HMAC_KEY,
        vault: new InMemoryPersonalDataVault(),
      }),
    ).toThrow();
  });
});
