import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { emmettSide } from "../src/candidate-path/emmett-side.js";
import { insiemeSide } from "../src/candidate-path/insieme-side.js";
import { candidatePath, decidePath, evolvePath, initialPathState } from "../src/candidate-path/model.js";

describe("the candidate-path workload of the comparison with Emmett", () => {
  it("takes a candidate through its five steps and refuses a step out of order", () => {
    let state = initialPathState;
    for (const command of candidatePath(7)) {
      const decided = decidePath(command, state);
      if (E.isLeft(decided)) throw new Error(decided.left.message);
      for (const event of decided.right) state = evolvePath(state, event);
    }
    expect(state.step).toBe(5);
    const again = decidePath(candidatePath(7)[1] as Parameters<typeof decidePath>[0], state);
    expect(E.isLeft(again) && again.left.rule).toBe("screen-after-application");
  });

  it("does the same work on both sides: every command accepted, every stream replayed to its end", async () => {
    for (const side of [insiemeSide, emmettSide]) {
      const figures = await side(40);
      expect({ refused: figures.refused, placed: figures.placed, events: figures.events }).toEqual({
        refused: 0,
        placed: 40,
        events: 200,
      });
    }
  });
});
