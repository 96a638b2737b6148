import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  codiceFiscaleCheckChar,
  createInsieme,
  FilePersonalDataVault,
  ILLUSTRATIVE_CONFIGURATION,
} from "@insieme/domain";
import { openJournal } from "@insieme/journal";
import { uuidGenerator } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { inProcess } from "./run-cli.js";

const operator = { id: "op-1", role: "operator" } as const;
const cf = (n: number): string => {
  const first15 = `RSSMRA85T10A${String(100 + n).padStart(3, "0")}`;
  return first15 + codiceFiscaleCheckChar(first15);
};

const apply = (n: number, day: string) => ({
  commandId: `apply-${n}`,
  type: "SubmitApplication",
  occurredAt: `${day}T09:00:00Z`,
  actor: operator,
  data: {
    candidateId: `cand-${n}`,
    channel: "online_form",
    referrer: "self",
    birthYear: 1985,
    gender: n % 2 === 0 ? "female" : "male",
    educationLevel: "upper_secondary",
    citizenship: "italian",
    residence: { municipalityIstat: "037006", quartiere: "navile" },
    unemploymentDuration: "over_24_months",
    economicCondition: "isee_6k_12k",
    personal: {
      codiceFiscale: cf(n),
      givenName: "Maria",
      familyName: `Rossi ${n}`,
      email: `maria${n}@example.org`,
      phone: null,
    },
  },
});
const close = (n: number, day: string) => ({
  commandId: `close-${n}`,
  type: "CloseCase",
  occurredAt: `${day}T09:00:00Z`,
  actor: operator,
  data: { candidateId: `cand-${n}`, reason: "moved" },
});

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A journal of four applicants: cases 1 and 2 closed in 2018, case 3 in 2024, case 4 open. */
const journalOfFour = async (): Promise<{ journal: string; persons: Map<string, string> }> => {
  dir = await mkdtemp(join(tmpdir(), "insieme-erasure-"));
  const journal = join(dir, "journal");
  const file = join(dir, "commands.ndjson");
  const commands = [
    apply(1, "2018-01-10"),
    apply(2, "2018-01-11"),
    apply(3, "2018-01-12"),
    apply(4, "2018-01-13"),
    close(1, "2018-03-01"),
    close(2, "2018-06-01"),
    close(3, "2024-06-01"),
  ];
  await writeFile(file, `${commands.map((c) => JSON.stringify(c)).join("\n")}\n`);
  expect((await inProcess("import", "--config", "illustrative", "--journal", journal, file)).code).toBe(0);
  const opened = await openJournal(journal, { readOnly: true });
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const persons = new Map<string, string>();
  for await (const e of opened.right.readAll()) {
    if (e.type === "PersonCaseOpened") {
      const d = e.data as { personId: string; candidateId: string };
      persons.set(d.candidateId, d.personId);
    }
  }
  await opened.right.close();
  return { journal, persons };
};

const readCase = async (journal: string, candidateId: string) => {
  const opened = await openJournal(journal, { readOnly: true });
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  try {
    const key = Buffer.from((await readFile(`${journal}.keys/person-hmac.key`, "utf8")).trim(), "hex");
    const insieme = createInsieme({
      store: opened.right,
      ids: uuidGenerator,
      personKey: key,
      vault: new FilePersonalDataVault(`${journal}.keys/persons`),
      configuration: ILLUSTRATIVE_CONFIGURATION,
    });
    const view = await insieme.readCandidate(candidateId, operator);
    if (E.isLeft(view) || view.right.view !== "case") throw new Error("expected a case view");
    return view.right;
  } finally {
    await opened.right.close();
  }
};

const reportJson = async (journal: string, ...options: string[]): Promise<string> => {
  const out = join(dir ?? "", `report-${Math.random().toString(36).slice(2)}.json`);
  expect(
    (
      await inProcess(
        "report",
        "--config",
        "illustrative",
        "--journal",
        journal,
        "--format",
        "json",
        "--out",
        out,
        ...options,
      )
    ).code,
  ).toBe(0);
  return readFile(out, "utf8");
};

describe("insieme erase", () => {
  it("destroys the person's data key: the case reads as erased, every report is byte for byte the same", async () => {
    const { journal, persons } = await journalOfFour();
    const person = persons.get("cand-2") ?? "";
    const before = [await reportJson(journal), await reportJson(journal, "--raw")];
    expect((await readCase(journal, "cand-2")).personal).toMatchObject({ erased: false });

    const run = await inProcess("erase", "--journal", journal, "--person", person);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`erased person ${person}`);

    // Attacker (someone with the journal and its keys after the erasure): the personal data cannot be opened.
    const after = await readCase(journal, "cand-2");
    expect(after.personal).toEqual({ erased: true });
    expect(JSON.stringify(after)).not.toContain("Rossi 2");
    expect((await readCase(journal, "cand-1")).personal).toMatchObject({ erased: false });
    // Nothing is written: the reports, provenance included, are the same bytes.
    expect([await reportJson(journal), await reportJson(journal, "--raw")]).toEqual(before);

    const again = await inProcess("erase", "--journal", journal, "--person", person);
    expect(again.stdout).toContain("already erased");
    const unknown = await inProcess("erase", "--journal", journal, "--person", "nobody");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no person nobody");
  });
});

/** A configuration file of two versions of the illustrative rules with their own retention periods. */
const retentionConfig = async (
  versions: readonly { inForceFrom: string; years: number }[],
): Promise<string> => {
  const rules = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules;
  if (rules === undefined) throw new Error("no illustrative rules");
  const file = join(dir ?? "", "programme.json");
  await writeFile(
    file,
    JSON.stringify({
      versions: versions.map((v, i) => ({
        ...rules,
        id: "retention-test",
        version: i + 1,
        inForceFrom: v.inForceFrom,
        retention: { ...rules.retention, erasePersonalDataYearsAfterClose: v.years },
      })),
    }),
  );
  return file;
};

describe("insieme retention", () => {
  it("lists the erasures due under the configuration's retention and performs them with --apply", async () => {
    const { journal, persons } = await journalOfFour();
    const config = await retentionConfig([
      { inForceFrom: "2017-01-01", years: 20 },
      { inForceFrom: "2023-06-01", years: 5 },
    ]);
    const before = await reportJson(journal, "--raw");

    // Before the second version came into force, the first one's 20 years apply: nothing is due.
    const early = await inProcess(
      "retention",
      "--journal",
      journal,
      "--config",
      config,
      "--now",
      "2023-05-31",
    );
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toContain("retention (retention-test v1): personal data erased 20 years");
    expect(early.stdout).toContain("0 erasure(s) due");

    const listed = await inProcess(
      "retention",
      "--journal",
      journal,
      "--config",
      config,
      "--now",
      "2023-12-31",
    );
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain("retention (retention-test v2): personal data erased 5 years");
    expect(listed.stdout).toContain("2 erasure(s) due");
    expect(listed.stdout).toContain(persons.get("cand-1"));
    expect(listed.stdout).toContain(persons.get("cand-2"));
    expect(listed.stdout).not.toContain(persons.get("cand-3"));
    expect(listed.stdout).not.toContain(persons.get("cand-4"));
    // Listing erases nothing.
    expect((await readCase(journal, "cand-1")).personal).toMatchObject({ erased: false });

    const applied = await inProcess(
      "retention",
      "--journal",
      journal,
      "--config",
      config,
      "--now",
      "2023-12-31",
      "--apply",
    );
    expect(applied.stdout).toContain("erased 2 person(s)");
    expect((await readCase(journal, "cand-1")).personal).toEqual({ erased: true });
    expect((await readCase(journal, "cand-2")).personal).toEqual({ erased: true });
    expect((await readCase(journal, "cand-3")).personal).toMatchObject({ erased: false });
    expect((await readCase(journal, "cand-4")).personal).toMatchObject({ erased: false });
    expect(await reportJson(journal, "--raw")).toBe(before);

    const nothingLeft = await inProcess(
      "retention",
      "--journal",
      journal,
      "--config",
      config,
      "--now",
      "2023-12-31",
    );
    expect(nothingLeft.stdout).toContain("0 erasure(s) due");
  });

  it("takes the illustrative configuration's 10 years, and refuses an invalid retention or no configuration", async () => {
    const { journal } = await journalOfFour();
    const illustrative = await inProcess("retention", "--journal", journal, "--config", "illustrative");
    expect(illustrative.code, illustrative.stderr).toBe(0);
    expect(illustrative.stdout).toMatch(/personal data erased 10 years after the last case closed/);
    const config = await retentionConfig([{ inForceFrom: "2017-01-01", years: -1 }]);
    const run = await inProcess("retention", "--journal", journal, "--config", config);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/versions\.0\.retention\.erasePersonalDataYearsAfterClose/);
    const saved = process.env.INSIEME_CONFIG;
    delete process.env.INSIEME_CONFIG;
    try {
      const none = await inProcess("retention", "--journal", journal);
      expect(none.code).toBe(2);
    } finally {
      if (saved !== undefined) process.env.INSIEME_CONFIG = saved;
    }
  });
});

describe("ids that carry personal data (attacker: a host that names candidates by their codice fiscale)", () => {
  it("refuses a codice fiscale or an e-mail address in any id field, naming the field, and writes nothing", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-pii-ids-"));
    const journal = join(dir, "journal");
    const file = join(dir, "commands.ndjson");
    const bad = [
      {
        ...apply(1, "2018-01-10"),
        data: { ...apply(1, "2018-01-10").data, candidateId: `${cf(1)}-giovanna` },
      },
      { ...apply(2, "2018-01-10"), commandId: "rssmra85t10a102x" },
      { ...apply(3, "2018-01-10"), actor: { id: "maria.rossi@example.org", role: "operator" } },
      { ...apply(4, "2018-01-10"), correlationId: `x${cf(4).toLowerCase()}` },
    ];
    await writeFile(file, `${bad.map((c) => JSON.stringify(c)).join("\n")}\n`);
    const run = await inProcess("import", "--config", "illustrative", "--journal", journal, file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/:1: .*data\.candidateId: carries personal data \(a codice fiscale\)/);
    expect(run.stderr).toMatch(/:2: .*commandId: carries personal data/);
    expect(run.stderr).toMatch(/:3: .*actor\.id: carries personal data \(an e-mail address\)/);
    expect(run.stderr).toMatch(/:4: .*correlationId: carries personal data/);
    expect(run.stdout).toContain("accepted 0, rejected 4");
  });
});
