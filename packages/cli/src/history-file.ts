import { domainRegistry } from "@insieme/domain";
import { MAX_RECORD_BYTES } from "@insieme/journal";
import { DEFAULT_MAX_LINE_BYTES, LineReadError, type RecordedEvent, readFileLines } from "@insieme/kernel";
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
    /** The person-key fingerprint of the journal it was exported from: a journal it is moved into records it. */
    keyFingerprint: z.string().optional(),
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

export const historyHeaderLine = (
  source: { kind: string; location: string },
  keyFingerprint: string | null = null,
): string =>
  canonicalJson({ format: HISTORY_FORMAT, source, ...(keyFingerprint === null ? {} : { keyFingerprint }) });

/** The key fingerprint a history header carries, if any. */
export const historyKeyFingerprint = (line: string): string | undefined => {
  const parsed = historyHeaderSchema.safeParse(JSON.parse(line));
  return parsed.success ? parsed.data.keyFingerprint : undefined;
};

/** Whether a first line is a history header (anything else is read as a command file). */
export const isHistoryHeader = (line: string): boolean => {
  try {
    return historyHeaderSchema.safeParse(JSON.parse(line)).success;
  } catch {
    return false;
  }
};

/** Longest line of a command file unless `--max-line-bytes` says otherwise. */
export const COMMAND_LINE_LIMIT = DEFAULT_MAX_LINE_BYTES;
/** Longest line of a history export: a recorded event, as long as a journal record may be. */
export const HISTORY_LINE_LIMIT = MAX_RECORD_BYTES;

/**
 * The lines of a file through the kernel's bounded reader; a line over `maxLineBytes` or not valid UTF-8 is a
 * `CliError` naming the file and the line (nothing after it is read).
 */
export async function* fileLines(path: string, maxLineBytes = COMMAND_LINE_LIMIT): AsyncGenerator<string> {
  try {
    yield* readFileLines(path, { maxLineBytes });
  } catch (error) {
    if (error instanceof LineReadError)
      throw new CliError(
        `${path}:${error.line ?? `byte ${error.offset}`}: ${error.detail}; nothing was written`,
      );
    throw error;
  }
}

export const firstLine = async (path: string, maxLineBytes = COMMAND_LINE_LIMIT): Promise<string | null> => {
  for await (const line of fileLines(path, maxLineBytes)) return line;
  return null;
};

/**
 * Reads a history file's events, checking each line: its shape, its order, and that the domain's event registry
 * decodes it (a known type and version whose data its schema accepts, after upcasting). A bad line is an error
 * naming the line and the field. The import reads the file once through this check before writing anything.
 */
export async function* historyEvents(path: string): AsyncGenerator<RecordedEvent> {
  let lineNumber = 0;
  let previous = -1;
  for await (const line of fileLines(path, HISTORY_LINE_LIMIT)) {
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
    const event = parsed.data as RecordedEvent;
    const decoded = domainRegistry.decode({ type: event.type, version: event.version, data: event.data });
    if (decoded._tag === "Left")
      throw new CliError(
        `${path}:${lineNumber}: event ${event.type} v${event.version}: ${decoded.left.message}`,
      );
    yield event;
  }
}
