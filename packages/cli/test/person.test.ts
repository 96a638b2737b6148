import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codiceFiscaleCheckChar } from "@insieme/domain";
import { openJournal } from "@insieme/journal";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { inProcess } from "./run-cli.js";

const operator = { id: "op-1", role: "operator" } as const;
const CF = (() => {
  const first15 = "RSSMRA85T10A201";
  return first15 + codiceFiscaleCheckChar(first15);
})();

const apply = (candidateId: string, day: string) => ({
  commandId: `apply-${candidateId}`,
  type: "SubmitApplication",
  occurredAt: `${day}T09:00:00Z`,
  actor: operator,
  data: {
    candidateId,
    channel: "online_form",
    referrer: "self",
    birthYear: 1985,
    gender: "female",
    educationLevel: "upper_secondary",
    citizenship: "italian",
    residence: { municipalityIstat: "037006", quartiere: "navile" },
    unemploymentDuration: "over_24_months",
    economicCondition: "isee_6k_12k",
    personal: {
      codiceFiscale: CF,
      givenName: "Maria",
      familyName: "Rossi",
      email: "maria@example.org",
      phone: null,
    },
  },
});

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** One person: an application closed (its closing reason corrected), then a second application. */
const journalOfOnePerson = async (): Promise<{ journal: string; personId: string }> => {
  dir = await mkdtemp(join(tmpdir(), "insieme-person-"));
  const journal = join(dir, "journal");
  const file = join(dir, "commands.ndjson");
  const commands = [
    apply("cand-1", "2018-01-10"),
    {
      commandId: "close-1",
      type: "CloseCase",
      occurredAt: "2018-03-01T09:00:00Z",
      actor: operator,
      data: { candidateId: "cand-1", reason: "moved" },
    },
    {
      commandId: "correct-1",
      type: "CorrectFact",
      occurredAt: "2018-03-05T09:00:00Z",
      actor: operator,
      data: {
        stream: "candidate-cand-1",
        revision: 1,
        action: "amend",
        fields: { reason: "other" },
        reason: "typing_error",
      },
    },
    apply("cand-2", "2019-01-10"),
  ];
  await writeFile(file, `${commands.map((c) => JSON.stringify(c)).join("\n")}\n`);
  expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
  const opened = await openJournal(journal, { readOnly: true });
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  let personId = "";
  for await (const e of opened.right.readAll())
    if (e.type === "PersonIdentified") personId = (e.data as { personId: string }).personId;
  await opened.right.close();
  return { journal, personId };
};

describe("insieme person", () => {
  it("prints the person across cases by pseudonym: both cases, one timeline, the correction; no personal data", async () => {
    const { journal, personId } = await journalOfOnePerson();
    const run = await inProcess("person", "--journal", journal, "--person", personId);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`person ${personId}: 2 case(s), 3 fact(s) — pseudonymous`);
    expect(run.stdout).toContain("cand-1: applied 2018-01-10, status closed");
    expect(run.stdout).toContain("cand-2: applied 2019-01-10, status applied");
    expect(run.stdout).toContain("2018-03-01  cand-1  CaseClosed: case closed: other");
    expect(run.stdout).toContain("corrected (reason) 2018-03-05 by operator: typing_error");
    for (const secret of ["Rossi", "Maria", "maria@example.org", CF])
      expect(run.stdout).not.toContain(secret);

    const json = await inProcess(
      "person",
      "--journal",
      journal,
      "--person",
      personId,
      "--format",
      "json",
      "--config",
      "illustrative",
    );
    expect(json.code).toBe(0);
    const history = JSON.parse(json.stdout) as {
      view: string;
      personId: string;
      cases: { candidateId: string; reopenableUntil: string | null }[];
      timeline: { candidateId: string; type: string }[];
    };
    expect(history.view).toBe("pseudonymous");
    expect(history.cases.map((c) => [c.candidateId, c.reopenableUntil])).toEqual([
      ["cand-1", "2018-05-30"],
      ["cand-2", null],
    ]);
    expect(history.timeline.map((t) => t.type)).toEqual([
      "CandidateApplied",
      "CaseClosed",
      "CandidateApplied",
    ]);
    for (const secret of ["Rossi", "maria@example.org", CF]) expect(json.stdout).not.toContain(secret);
  });

  it("an unknown person exits 1 with one line; bad input exits 2 with one clear line", async () => {
    const { journal } = await journalOfOnePerson();
    const unknown = await inProcess("person", "--journal", journal, "--person", "nobody");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`insieme: ${journal}: no person nobody in this journal\n`);
    const format = await inProcess("person", "--journal", journal, "--person", "nobody", "--format", "xml");
    expect(format.code).toBe(2);
    expect(format.stderr).toBe("insieme: --format must be json or table\n");
    // A codice fiscale is never a person id, and is not echoed.
    const code = await inProcess("person", "--journal", journal, "--person", CF);
    expect(code.code).toBe(2);
    expect(code.stderr.trim().split("\n")).toHaveLength(1);
    expect(code.stderr).not.toContain(CF);
    expect((await inProcess("person", "--person", "x")).code).toBe(2);
    const config = await inProcess(
      "person",
      "--journal",
      journal,
      "--person",
      "x",
      "--config",
      join(journal, "none.json"),
    );
    expect(config.code).toBe(2);
  });

  it("says in its help that it shows no personal data", async () => {
    const help = await inProcess("person", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("no personal data");
    expect(help.stdout).toContain("--format <format>");
  });
});
