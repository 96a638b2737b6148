import { importCommands, type LineError } from "@insieme/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryScenario, withFreshIds } from "./support/command-arbitrary.js";
import { application, cmd, IN_TARGET_SCORES, joinBoard, makeWorld } from "./support/fixtures.js";

describe("importCommands", () => {
  it("executes valid lines in order and reports every rejected line with its number and reason", async () => {
    const { insieme, store } = makeWorld();
    const lines = [
      JSON.stringify(joinBoard("acme")),
      "{not json",
      "",
      JSON.stringify(application("c1", 1, { birthYear: 1890 })),
      JSON.stringify(application("c1", 1)),
      JSON.stringify(
        cmd("RecordFirstInterview", {
          candidateId: "c1",
          outcome: "withdrawn",
          transversalSkills: [],
          cv: null,
        }),
      ),
      JSON.stringify(
        cmd("ScreenCandidate", { candidateId: "c1", inOtherActiveMeasure: false, scores: IN_TARGET_SCORES }),
      ),
    ];
    const report = await importCommands(lines, insieme);
    expect(report.accepted).toBe(3);
    expect(report.rejected).toBe(3);
    expect(report.blank).toBe(1);
    expect(report.errors.map((e) => [e.line, e.kind])).toEqual([
      [2, "json"],
      [4, "schema"],
      [6, "rule"],
    ]);
    expect(report.errors[1]?.reason).toContain("data.birthYear");
    expect(report.errors[2]).toMatchObject({ rule: "screening-required-before-interview" });
    expect([...store.events()].map((e) => e.type)).toEqual([
      "CompanyJoinedBoard",
      "PersonCaseOpened",
      "PersonIdentified",
      "CandidateApplied",
      "CandidateScreened",
    ]);
  });

  it("reads any async iterable of lines, with CRLF endings", async () => {
    const { insieme } = makeWorld();
    async function* lines() {
      yield `${JSON.stringify(joinBoard("a"))}\r`;
      yield `${JSON.stringify(joinBoard("b"))}\r`;
    }
    expect(await importCommands(lines(), insieme)).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: 0,
      blank: 0,
      errors: [],
    });
  });
});

/** Mutations of a valid command line: what a broken export or a hand edit produces. */
const mutate = (line: string, how: number, at: number, text: string): string => {
  const value = JSON.parse(line) as Record<string, unknown>;
  const data = (value.data ?? {}) as Record<string, unknown>;
  const keys = Object.keys(data);
  const key = keys[at % Math.max(1, keys.length)] ?? "x";
  switch (how) {
    case 0:
      return line.slice(0, at % line.length);
    case 1:
      return `${line.slice(0, at % line.length)}${text}${line.slice(at % line.length)}`;
    case 2:
      delete data[key];
      return JSON.stringify(value);
    case 3:
      data[key] = text;
      return JSON.stringify(value);
    case 4:
      data[key] = at;
      return JSON.stringify(value);
    case 5:
      value.type = text;
      return JSON.stringify(value);
    case 6:
      value.actor = { id: text, role: "auditor" };
      return JSON.stringify(value);
    case 7:
      data[`${key}_extra`] = null;
      return JSON.stringify(value);
    default:
      return JSON.stringify([value]);
  }
};

describe("fuzzed command files", () => {
  it("never crash the importer: every line ends accepted or rejected, and a rejected line writes nothing", async () => {
    let run = 0;
    const line = fc.oneof(
      fc.string(),
      fc.json(),
      fc.tuple(fc.integer({ min: 0, max: 8 }), fc.nat(), fc.string({ maxLength: 5 })),
    );
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(20), fc.array(line, { maxLength: 25 }), async (scenario, noise) => {
        const valid = withFreshIds(scenario, ++run).map((c) => JSON.stringify(c));
        const lines: string[] = [];
        for (const [i, item] of noise.entries()) {
          const base = valid[i % valid.length] ?? "{}";
          lines.push(Array.isArray(item) ? mutate(base, item[0], item[1], item[2]) : item);
        }
        lines.push(...valid);
        const { insieme, store } = makeWorld();
        let head = await store.headPosition();
        const outcomes: (LineError | null)[] = [];
        const report = await importCommands(lines, insieme, {
          onLine: (_line, error) => {
            const count = [...store.events()].length;
            const now = count === 0 ? null : count - 1;
            if (error !== null) {
              expect(now, `line ${error.line} (${error.reason}) wrote events`).toBe(head);
              expect(error.reason.length).toBeGreaterThan(0);
            }
            head = now;
            outcomes.push(error);
          },
        });
        expect(report.accepted + report.rejected + report.blank).toBe(lines.length);
        expect(outcomes.length).toBe(report.accepted + report.rejected);
        for (const e of report.errors) expect(["json", "schema", "rule"]).toContain(e.kind);
      }),
      { numRuns: 120 },
    );
  });
});
