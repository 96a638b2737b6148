import { arbitraryFromZod } from "@insieme/testing";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AmountCommitted, budgetRegistry } from "./support/account.js";

const oldCommitted = z.object({
  commitmentId: z.string().min(1),
  euros: z.number().int().positive().max(1_000_000),
});

describe("event registry", () => {
  it("encodes with the current version and decodes it back", () => {
    const encoded = budgetRegistry.encode(
      AmountCommitted.create({ commitmentId: "x", amountCents: 5, purpose: "progetto" }),
    );
    expect(encoded).toEqual(
      E.right({
        type: "AmountCommitted",
        version: 2,
        data: { commitmentId: "x", amountCents: 5, purpose: "progetto" },
      }),
    );
    if (E.isRight(encoded)) expect(E.isRight(budgetRegistry.decode(encoded.right))).toBe(true);
  });

  it("an unknown type is a typed error, never a silent skip", () => {
    const result = budgetRegistry.decode({ type: "Nope", version: 1, data: {} }, "budget-1@3");
    expect(result).toEqual(
      E.left(expect.objectContaining({ _tag: "EventDecodeError", reason: "unknown-type", at: "budget-1@3" })),
    );
  });

  it("a version newer than the current one is a typed error", () => {
    const result = budgetRegistry.decode({ type: "AmountCommitted", version: 3, data: {} });
    expect(result).toEqual(E.left(expect.objectContaining({ reason: "unknown-version" })));
  });

  it("invalid data names the field", () => {
    const result = budgetRegistry.decode({
      type: "AmountCommitted",
      version: 2,
      data: { commitmentId: "", amountCents: -1, purpose: "x" },
    });
    expect(E.isLeft(result) && result.left.message).toMatch(
      /data\.commitmentId.*data\.amountCents.*data\.purpose/,
    );
  });

  it("property: upcasting generated v1 events yields valid current events", () => {
    fc.assert(
      fc.property(arbitraryFromZod(oldCommitted), (old) => {
        const decoded = budgetRegistry.decode({ type: "AmountCommitted", version: 1, data: old });
        expect(E.isRight(decoded)).toBe(true);
        if (E.isRight(decoded)) {
          expect(AmountCommitted.schema.safeParse(decoded.right.data).success).toBe(true);
          expect(decoded.right.data).toEqual({
            commitmentId: old.commitmentId,
            amountCents: old.euros * 100,
            purpose: "tirocinio",
          });
        }
      }),
    );
  });

  it("an old event whose data does not match its old schema is refused before upcasting", () => {
    const result = budgetRegistry.decode({
      type: "AmountCommitted",
      version: 1,
      data: { commitmentId: "a" },
    });
    expect(E.isLeft(result) && result.left.message).toMatch(/v1.*data\.euros/);
  });
});
