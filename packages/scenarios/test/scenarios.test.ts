import { isValidCodiceFiscale, parseCommand } from "@insieme/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Prng,
  PUBLISHED_SCENARIO_SEED,
  publishedScenario,
  syntheticCodiceFiscale,
  syntheticProgramme,
} from "../src/index.js";

const never = (): string => {
  throw new Error("every scenario command carries its occurredAt");
};

describe("Prng", () => {
  it("gives the same sequence for the same seed, and different sequences for different seeds", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new Prng(seed);
        const b = new Prng(seed);
        const c = new Prng(seed + 1);
        const first = Array.from({ length: 8 }, () => a.next());
        expect(Array.from({ length: 8 }, () => b.next())).toEqual(first);
        expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(first);
      }),
    );
  });

  it("draws floats in [0, 1) and integers within their bounds", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, span) => {
        const rng = new Prng(seed);
        for (let i = 0; i < 50; i++) {
          const x = rng.next();
          expect(x >= 0 && x < 1).toBe(true);
          const n = rng.int(min, min + span);
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
        }
      }),
    );
  });

  it("shuffles into a permutation of the same items", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer(), { maxLength: 50 }), (seed, items) => {
        const shuffled = new Prng(seed).shuffle([...items]);
        expect([...shuffled].sort((x, y) => x - y)).toEqual([...items].sort((x, y) => x - y));
      }),
    );
  });
});

describe("syntheticCodiceFiscale", () => {
  it("is a well-formed codice fiscale (check character included) and unique per number", () => {
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const code = syntheticCodiceFiscale(n, 1950 + (n % 50), n % 2 === 0, n * 7);
      expect(isValidCodiceFiscale(code), code).toBe(true);
      expect(seen.has(code), code).toBe(false);
      seen.add(code);
    }
  });
});

describe("scenarios", () => {
  it("a synthetic programme is reproducible from its seed and every command parses at the domain's boundary", () => {
    const options = { seed: 11, candidates: 40, applicationsPerMonth: 10 };
    const first = [...syntheticProgramme(options)];
    expect(first.length).toBeGreaterThan(40);
    expect([...syntheticProgramme(options)]).toEqual(first);
    expect([...syntheticProgramme({ ...options, seed: 12 })]).not.toEqual(first);
    for (const command of first) {
      const parsed = parseCommand(command, never);
      expect(parsed._tag, `${command.commandId}: ${JSON.stringify(parsed)}`).toBe("Right");
    }
    expect(new Set(first.map((c) => c.commandId)).size).toBe(first.length);
  });

  it("the published scenario parses at the domain's boundary and has unique command ids", () => {
    const commands = [...publishedScenario(PUBLISHED_SCENARIO_SEED)];
    expect(commands.length).toBeGreaterThan(1000);
    for (const command of commands)
      expect(parseCommand(command, never)._tag, command.commandId).toBe("Right");
    expect(new Set(commands.map((c) => c.commandId)).size).toBe(commands.length);
  });
});
