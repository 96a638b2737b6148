import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { RecordedEvent } from "@insieme/kernel";
import { canonicalJson } from "@insieme/statistics";
import { z } from "zod";
import { CliError } from "./errors.js";

/**
 * A history export: a header line, then one recorded event per line (canonical JSON), in global order.
 * `import` recognises the file by its header and moves the whole history into an empty journal.
 */
export const HISTORY_FORMAT = "insieme-history/1";

export const historyHeaderSchema = z
  .object({
    format: z.literal(HISTORY_FORMAT),
    source: z.object({ kind: z.string(), location: z.string() }),
  })
  .strict();

const isoTime = z.iso.datetime({ offset: true });

export const recordedEventSchema = z
  .object({
    eventId: z.string().min(1),
    streamId: z.string().min(1),
    revision: z.number().int().min(0),
    position: z.number().int().min(0),
    type: z.string().min(1),
    version: z.number().int().min(1),
    data: z.unknown(),
    occurredAt: isoTime,
    recordedAt: isoTime,
    correlationId: z.string().nullable(),
    causationId: z.string().nullable(),
    actor: z.object({ id: z.string(), role: z.string() }).strict(),
  })
  .strict();

export const historyHeaderLine = (source: { kind: string; location: string }): string =>
  canonicalJson({ format: HISTORY_FORMAT, source });

/** Whether a first line is a history header (anything else is read as a command file). */
export const isHistoryHeader = (line: string): boolean => {
  try {
    return historyHeaderSchema.safeParse(JSON.parse(line)).success;
  } catch {
    return false;
  }
};

export async function* fileLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
    input.destroy();
  }
}

export const firstLine = async (path: string): Promise<string | null> => {
  for await (const line of fileLines(path)) return line;
  return null;
};

/** Reads a history file's events, checking each line; a bad line is an error naming the line and the field. */
export async function* historyEvents(path: string): AsyncGenerator<RecordedEvent> {
  let lineNumber = 0;
  let previous = -1;
  for await (const line of fileLines(path)) {
    lineNumber++;
    if (lineNumber === 1) continue;
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new CliError(`${path}:${lineNumber}: not a JSON line`);
    }
    const parsed = recordedEventSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(
        `${path}:${lineNumber}: ${issue?.path.join(".") || "event"}: ${issue?.message ?? "invalid"}`,
      );
    }
    if (parsed.data.position <= previous) {
      throw new CliError(`${path}:${lineNumber}: position ${parsed.data.position} is not after ${previous}`);
    }
    previous = parsed.data.position;
    yield parsed.data as RecordedEvent;
  }
}
