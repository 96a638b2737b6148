import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { type JournalEventStore, type JournalOptions, openJournal } from "../src/index.js";

const made: string[] = [];

/** A fresh directory under the system temp dir, removed by `removeTempDirs`. */
export const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), "insieme-journal-test-"));
  made.push(dir);
  return dir;
};

export const removeTempDirs = async (): Promise<void> => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
};

/** Opens a journal that must open; a failure is a test bug. */
export const mustOpen = async (dir: string, options: JournalOptions = {}): Promise<JournalEventStore> => {
  const opened = await openJournal(dir, { clock: steppingClock("2017-05-02T09:00:00.000Z"), ...options });
  if (E.isLeft(opened)) throw new Error(`journal did not open: ${opened.left.message}`);
  return opened.right;
};

export const freshJournal = async (options: JournalOptions = {}): Promise<JournalEventStore> =>
  mustOpen(await tempDir(), { create: true, ...options });
