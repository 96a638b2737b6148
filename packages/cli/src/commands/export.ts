import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { canonicalJson } from "@insieme/statistics";
import { type CliIo, processIo } from "../cli-io.js";
import { asCliError } from "../eventstoredb-store.js";
import { historyHeaderLine } from "../history-file.js";
import { openHistorySource } from "../history-source.js";
import { exportOptionsSchema, parseOptions } from "../options.js";
import { programmeOption } from "../programme-option.js";
import { withEnvironment } from "../store-option.js";

/** `insieme export`: the whole history of a journal or of EventStoreDB as a history file (`import` moves it). */
export const exportCommand = async (raw: unknown, io: CliIo = processIo): Promise<void> => {
  const options = parseOptions(exportOptionsSchema, withEnvironment(raw));
  const source = await openHistorySource(options.store, programmeOption(options.programme));
  try {
    await mkdir(dirname(options.out), { recursive: true, mode: 0o700 });
    const out = createWriteStream(options.out, { encoding: "utf8", mode: 0o600 });
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    };
    let events = 0;
    try {
      await write(historyHeaderLine({ kind: source.kind, location: source.location }, source.keyFingerprint));
      for await (const event of source.store.readAll()) {
        await write(canonicalJson(event));
        events++;
      }
    } catch (error) {
      // A partial history file would import as a shorter history without complaint: none is left behind.
      out.destroy();
      await rm(options.out, { force: true });
      asCliError(error);
    }
    out.end();
    await once(out, "finish");
    io.stdout(`exported ${events} events to ${options.out}\n`);
  } finally {
    await source.close();
  }
};
