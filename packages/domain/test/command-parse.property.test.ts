import { compileSchemaCheck } from "@insieme/kernel";
import { arbitraryNearValue } from "@insieme/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandLineSchema } from "../src/commands/envelope.js";
import { parseCommand, parseCommandWithZod } from "../src/commands/parse.js";

const now = () => "2018-03-01T09:00:00.000Z";

/** Commands accepted by a compiled check skip zod: the outcome must be zod's, valid or not, field by field. */
describe("command parsing with compiled checks", () => {
  // Types without a compiled check (transforms: SubmitApplication's codice fiscale) always go through zod.
  const options = commandLineSchema().options.filter((o) => compileSchemaCheck(o) !== undefined);

  it("every command type but SubmitApplication has a compiled check", () => {
    expect(options).toHaveLength(commandLineSchema().options.length - 1);
  });

  it.each(options.map((o) => [String((o.shape.type as { value: unknown }).value), o] as const))(
    "property: %s — parseCommand gives what zod alone gives, and a copy the host cannot change afterwards",
    (_type, option) => {
      fc.assert(
        fc.property(arbitraryNearValue(option), (input) => {
          const parsed = parseCommand(input, now);
          expect(parsed).toStrictEqual(parseCommandWithZod(input, now));
          if (parsed._tag === "Right" && typeof input === "object" && input !== null) {
            expect(parsed.right).not.toBe(input);
            expect((parsed.right as { data: unknown }).data).not.toBe((input as { data: unknown }).data);
          }
        }),
        { numRuns: 100 },
      );
    },
  );

  it("attacker: an own __proto__ key (as JSON.parse makes it) stays data in the copy and changes no prototype", () => {
    const input: unknown = JSON.parse(
      '{"commandId":"c","type":"CorrectFact","actor":{"id":"a","role":"operator"},' +
        '"data":{"stream":"candidate-a","revision":0,"action":"amend","fields":{"__proto__":{"polluted":true}},"reason":"typing_error"}}',
    );
    const parsed = parseCommand(input, now);
    expect(parsed).toStrictEqual(parseCommandWithZod(input, now));
    if (parsed._tag !== "Right") throw new Error("expected the command to parse");
    const fields = (parsed.right as { data: { fields: Record<string, unknown> } }).data.fields;
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields)).toEqual(["__proto__"]);
    expect((fields as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("an id carrying personal data is refused first, by both parsers, whatever its shape (an array of ids included)", () => {
    const input = {
      commandId: ["ok", "maria@example.org"],
      type: "CloseCase",
      actor: { id: "a", role: "operator" },
      data: { candidateId: "c1", reason: "other" },
    };
    const parsed = parseCommand(input, now);
    expect(parsed).toStrictEqual(parseCommandWithZod(input, now));
    expect(parsed._tag === "Left" && parsed.left.issues.map((i) => [i.path, i.code])).toEqual([
      ["commandId.1", "personal-data-in-id"],
    ]);
  });
});
