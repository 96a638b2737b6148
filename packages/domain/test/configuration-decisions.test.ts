import {
  addConfigurationVersions,
  type ConfigurationVersion,
  createInsieme,
  decidedBy,
  ILLUSTRATIVE_CONFIGURATION,
  ILLUSTRATIVE_FRAGILITY_PROFILE,
  InMemoryPersonalDataVault,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import { InMemoryEventStore, sequentialIds, steppingClock } from "@insieme/kernel";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  CONCLAMATA_SCORES,
  codiceFiscale,
  HMAC_KEY,
  IN_TARGET_SCORES,
  NO_DIFFICULTY_SCORES,
} from "./support/fixtures.js";

const V1 = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules as ConfigurationVersion;

const withVersion = (
  change: Partial<ConfigurationVersion> & { inForceFrom: string },
): ProgrammeConfiguration => {
  const added = addConfigurationVersions(
    ILLUSTRATIVE_CONFIGURATION,
    [{ ...V1, version: 2, ...change }],
    "test",
  );
  if (E.isLeft(added)) throw new Error(added.left.message);
  return added.right;
};

const serviceOn = (configuration: ProgrammeConfiguration) => {
  const store = new InMemoryEventStore(steppingClock("2026-01-01T00:00:00Z"));
  const insieme = createInsieme({
    configuration,
    store,
    ids: sequentialIds("id"),
    personKey: HMAC_KEY,
    vault: new InMemoryPersonalDataVault(),
  });
  return { store, insieme };
};

const operator = { id: "op-1", role: "operator" } as const;

/** One candidate's application and screening, `days` after 1 June 2017. */
const candidateCommands = (n: number, days: number, birthYear: number, plan: 0 | 1 | 2) => {
  const day = new Date(Date.UTC(2017, 5, 1) + days * 86_400_000).toISOString().slice(0, 10);
  const cf = codiceFiscale(n + 1);
  return [
    {
      commandId: `apply-${n}`,
      type: "SubmitApplication",
      occurredAt: `${day}T09:00:00Z`,
      actor: operator,
      data: {
        candidateId: `c${n}`,
        channel: "desk",
        referrer: "self",
        birthYear,
        gender: "female",
        educationLevel: "upper_secondary",
        citizenship: "italian",
        residence: { municipalityIstat: "037006", quartiere: "navile" },
        unemploymentDuration: "12_24_months",
        economicCondition: "isee_0_6k",
        personal: { givenName: "A", familyName: "B", codiceFiscale: cf, email: null, phone: null },
      },
    },
    {
      commandId: `screen-${n}`,
      type: "ScreenCandidate",
      occurredAt: `${day}T15:00:00Z`,
      actor: operator,
      data: {
        candidateId: `c${n}`,
        inOtherActiveMeasure: false,
        scores: [IN_TARGET_SCORES, CONCLAMATA_SCORES, NO_DIFFICULTY_SCORES][plan],
      },
    },
  ];
};

/** Everything the store holds but sealed personal data (sealed with a random IV each time). */
const contentOf = (store: InMemoryEventStore) =>
  [...store.events()].map((e) => ({
    stream: e.streamId,
    type: e.type,
    version: e.version,
    data: { ...(e.data as object), personal: null },
  }));

describe("commands decided by the configuration version in force", () => {
  it("a rule changed by a later version applies from its date only, and each event records its version", async () => {
    const configuration = withVersion({
      inForceFrom: "2019-01-01",
      eligibility: { ...V1.eligibility, minimumAge: 30 },
    });
    const { insieme, store } = serviceOn(configuration);
    const [before] = candidateCommands(1, 300, 1995, 0);
    const [after] = candidateCommands(2, 700, 1995, 0);
    expect(E.isRight(await insieme.execute(before))).toBe(true);
    const refused = await insieme.execute(after);
    expect(E.isLeft(refused) && refused.left._tag === "DomainError" && refused.left.rule).toBe(
      "applicant-under-age",
    );
    const refs = [...store.events()].map((e) => decidedBy(e.data));
    expect(refs.every((r) => r?.version === 1 && r.hash === configuration.versions[0]?.ref.hash)).toBe(true);
    const [later] = candidateCommands(3, 700, 1970, 0);
    const accepted = await insieme.execute(later);
    expect(
      E.isRight(accepted) &&
        accepted.right.written.flatMap((w) => w.events).map((e) => decidedBy(e.data)?.version),
    ).toEqual([2, 2, 2]);
  });

  it("property: a history decided under A is unchanged by adding a version B in force after it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            days: fc.integer({ min: 0, max: 500 }),
            birthYear: fc.integer({ min: 1950, max: 1998 }),
            plan: fc.constantFrom(0 as const, 1 as const, 2 as const),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 501, max: 2000 }),
        fc.integer({ min: 18, max: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        async (candidates, bDay, minimumAge, threshold) => {
          const inForceFrom = new Date(Date.UTC(2017, 5, 1) + bDay * 86_400_000).toISOString().slice(0, 10);
          const b = withVersion({
            inForceFrom,
            eligibility: { ...V1.eligibility, minimumAge },
            fragilityProfiles: [
              {
                ...ILLUSTRATIVE_FRAGILITY_PROFILE,
                conclamata: { ...ILLUSTRATIVE_FRAGILITY_PROFILE.conclamata, thresholdPermille: threshold },
              },
            ],
          });
          const commands = candidates.flatMap((c, n) => candidateCommands(n, c.days, c.birthYear, c.plan));
          const onlyA = serviceOn(ILLUSTRATIVE_CONFIGURATION);
          const withB = serviceOn(b);
          for (const command of commands) {
            const a = await onlyA.insieme.execute(command);
            const ab = await withB.insieme.execute(command);
            expect(E.isRight(ab)).toBe(E.isRight(a));
          }
          expect(contentOf(withB.store)).toEqual(contentOf(onlyA.store));
          expect(contentOf(onlyA.store).some((e) => e.type === "CandidateScreened")).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});
