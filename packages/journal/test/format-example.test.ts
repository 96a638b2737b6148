import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE, verifyJournal } from "../src/index.js";
import { mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";

afterAll(removeTempDirs);

const formatDoc = new URL("../../../docs/journal-format.md", import.meta.url);

/** The example journal of docs/journal-format.md, between its markers. */
const documentedExample = async (): Promise<string> => {
  const doc = await readFile(formatDoc, "utf8");
  const block =
    doc.split("<!-- journal-example:start -->")[1]?.split("<!-- journal-example:end -->")[0] ?? "";
  return `${block
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .join("\n")}\n`;
};

describe("the worked example of docs/journal-format.md", () => {
  it("is exactly what the writer produces for the scenario it describes", async () => {
    const dir = await tempDir();
    const store = await mustOpen(dir, {
      create: true,
      clock: steppingClock("2017-05-02T09:00:00.000Z", 1000),
    });
    const actor = { id: "operatore-3", role: "operatore" };
    const envelope = {
      occurredAt: "2017-05-02T08:55:00.000Z",
      correlationId: "cmd-1",
      causationId: "cmd-1",
      actor,
    };
    await store.append(
      "candidate-0001",
      [
        {
          ...envelope,
          eventId: "6f1c2a9e-0b7d-4c1e-9a53-2f4d8e1b7c01",
          type: "CandidaturaRicevuta",
          version: 1,
          data: { channel: "online", referrer: "caritas", municipality: "037006" },
        },
        {
          ...envelope,
          eventId: "6f1c2a9e-0b7d-4c1e-9a53-2f4d8e1b7c02",
          type: "ScreeningConcluso",
          version: 2,
          data: { outcome: "in-target" },
        },
      ],
      "no_stream",
    );
    await store.setStreamMetadata("candidate-0001", { retention: "P10Y" });
    await store.append(
      "company-0001",
      [
        {
          eventId: "6f1c2a9e-0b7d-4c1e-9a53-2f4d8e1b7c03",
          type: "AziendaAderente",
          version: 1,
          data: { channel: "Legacoop" },
          occurredAt: "2017-05-03T10:00:00.000Z",
          correlationId: null,
          causationId: null,
          actor,
        },
      ],
      "no_stream",
    );
    await store.deleteStream("company-0001", 0);
    expect(store.chainHead()).toEqual({
      position: 4,
      hash: "f5801f007e7394677ceaa2e8331f07c15b5abb2b9890cbf93819af65182ca00f",
    });
    await store.close();
    expect(await readFile(join(dir, JOURNAL_FILE), "utf8")).toBe(await documentedExample());
    const verified = await verifyJournal(dir);
    expect(E.isRight(verified) && verified.right).toEqual({
      format: 1,
      records: 5,
      events: 3,
      streams: 2,
      headPosition: 3,
      headHash: "f5801f007e7394677ceaa2e8331f07c15b5abb2b9890cbf93819af65182ca00f",
    });
  });
});
