import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@insieme/cli";
import { createInsieme, ILLUSTRATIVE_CONFIGURATION, InMemoryPersonalDataVault } from "@insieme/domain";
import { openJournal } from "@insieme/journal";
import { sequentialIds, steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { joinBoard, submitApplication } from "../../case-service/test/support/commands.js";

export interface Workspace {
  readonly dir: string;
  readonly journal: string;
  remove(): Promise<void>;
}

export const workspace = async (): Promise<Workspace> => {
  const dir = await mkdtemp(join(tmpdir(), "insieme-audit-"));
  return { dir, journal: join(dir, "journal"), remove: () => rm(dir, { recursive: true, force: true }) };
};

/**
 * Writes commands into the journal through the domain's service (companies `from..to`, then applications), dated
 * January and February 2018 and recorded from `recordedFrom` on, a second apart (default: 1 March 2018, before the
 * release of 2018-Q1 on 15 April, which therefore holds them).
 */
export const record = async (
  journal: string,
  companies: readonly number[],
  applicants: readonly number[],
  recordedFrom = "2018-03-01T08:00:00Z",
) => {
  const opened = await openJournal(journal, {
    create: true,
    clock: steppingClock(recordedFrom, 1000),
  });
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const insieme = createInsieme({
    configuration: ILLUSTRATIVE_CONFIGURATION,
    store: opened.right,
    ids: sequentialIds(`evt-${companies[0] ?? applicants[0]}`),
    personKey: new Uint8Array(32).fill(5),
    vault: new InMemoryPersonalDataVault(),
  });
  try {
    for (const n of companies) {
      const done = await insieme.execute(
        joinBoard(n, n % 2 === 0 ? "direct" : "legacoop", `2018-01-${10 + n}T09:00:00Z`),
      );
      if (E.isLeft(done)) throw new Error(JSON.stringify(done.left));
    }
    for (const n of applicants) {
      const done = await insieme.execute(submitApplication(n, `2018-02-${10 + n}T09:00:00Z`));
      if (E.isLeft(done)) throw new Error(JSON.stringify(done.left));
    }
  } finally {
    await opened.right.close();
  }
};

/** The release the tests publish: the first quarter of 2018, released on 15 April 2018. */
export const RELEASE = ["--release", "2018-Q1"] as const;

/** Publishes the report as the programme does: `insieme report --format json` (default: the release 2018-Q1). */
export const publish = async (
  journal: string,
  out: string,
  extra: readonly string[] = RELEASE,
): Promise<unknown> => {
  const errors: string[] = [];
  const code = await runCli(
    ["report", "--journal", journal, "--config", "illustrative", "--format", "json", "--out", out, ...extra],
    {
      stdout: () => {},
      stderr: (text) => errors.push(text),
    },
  );
  if (code !== 0) throw new Error(`insieme report failed (${code}): ${errors.join("")}`);
  return JSON.parse(await readFile(out, "utf8"));
};

export const writeJson = (path: string, value: unknown) =>
  writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
