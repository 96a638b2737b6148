import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { canonicalJson } from "@insieme/statistics";
import { historyHeaderLine } from "../history-file.js";
import { openJournalStore } from "../journal-store.js";
import { exportOptionsSchema, parseOptions } from "../options.js";

/** `insieme export`: the whole history of a journal as a history file (`import` moves it into another store). */
export const exportCommand = async (raw: unknown): Promise<void> => {
  const options = parseOptions(exportOptionsSchema, raw);
  const source = await openJournalStore(options.journal, { readOnly: true });
  try {
    await mkdir(dirname(options.out), { recursive: true });
    const out = createWriteStream(options.out, { encoding: "utf8" });
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    };
    await write(historyHeaderLine({ kind: source.kind, location: source.location }));
    let events = 0;
    for await (const event of source.store.readAll()) {
      await write(canonicalJson(event));
      events++;
    }
    out.end();
    await once(out, "finish");
    process.stdout.write(`exported ${events} events to ${options.out}\n`);
  } finally {
    await source.close();
  }
};
