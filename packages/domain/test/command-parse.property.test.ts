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
});
