import { ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import { syntheticProgramme } from "@insieme/scenarios";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { type ReportRequest, reportFromStore } from "../src/index.js";
import { runCommands } from "./support/run-commands.js";

const request: ReportRequest = {
  window: { from: null, to: null, asOf: null },
  disclosure: { mode: "raw" },
  configuration: ILLUSTRATIVE_CONFIGURATION,
};

describe("reportFromStore", () => {
  it("cites the events' hash when the journal gives no chain hash for the last replayed position", async () => {
    const { store } = await runCommands(syntheticProgramme({ seed: 3, candidates: 20 }));
    const withoutChain = await reportFromStore({ store, kind: "memory", location: "test" }, request);
    const headMoved = await reportFromStore(
      { store, kind: "memory", location: "test", chainHashAt: async () => null },
      request,
    );
    expect(E.isRight(headMoved)).toBe(true);
    expect(headMoved).toEqual(withoutChain);
    if (E.isRight(headMoved))
      expect(headMoved.right.provenance.journalHash.kind).toBe("sha256-canonical-events");
  });

  it("cites the chain hash a journal gives for the last replayed position", async () => {
    const { store } = await runCommands(syntheticProgramme({ seed: 3, candidates: 20 }));
    const head = "ab".repeat(32);
    const report = await reportFromStore(
      { store, kind: "journal", location: "test", chainHashAt: async () => head },
      request,
    );
    expect(E.isRight(report) && report.right.provenance.journalHash).toEqual({
      kind: "chain-head",
      value: head,
    });
  });
});
