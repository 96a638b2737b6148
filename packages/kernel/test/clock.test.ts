import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoFromMillis, steppingClock } from "../src/clock.js";

describe("clock", () => {
  it("property: isoFromMillis is toISOString, whatever the order of calls", () => {
    const instant = fc.oneof(
      fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
      fc.integer({ min: 1_500_000_000_000, max: 1_500_000_200_000 }),
    );
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 20 }), (times) => {
        for (const t of times) expect(isoFromMillis(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it("years outside 0000-9999 and invalid times behave as toISOString", () => {
    expect(isoFromMillis(-62_167_219_200_001)).toBe(new Date(-62_167_219_200_001).toISOString());
    expect(isoFromMillis(8.64e15)).toBe("+275760-09-13T00:00:00.000Z");
    expect(() => isoFromMillis(Number.NaN)).toThrow(RangeError);
  });

  it("a stepping clock advances by its step", () => {
    const clock = steppingClock("2017-05-01T08:00:59.999Z", 1);
    expect([clock.now(), clock.now(), clock.now()]).toEqual([
      "2017-05-01T08:00:59.999Z",
      "2017-05-01T08:01:00.000Z",
      "2017-05-01T08:01:00.001Z",
    ]);
  });
});
