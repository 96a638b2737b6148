import { readFile } from "node:fs/promises";
import { formatZodError } from "@insieme/kernel";
import { type Report, reportSchema } from "@insieme/statistics";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";

/** The published report could not be read or is not a report: the audit cannot start. */
export interface UnreadableReport {
  readonly _tag: "UnreadableReport";
  readonly path: string;
  readonly message: string;
}

const unreadable = (path: string, message: string): UnreadableReport => ({
  _tag: "UnreadableReport",
  path,
  message: `${path}: ${message}`,
});

/** Reads a published report and checks it against the report's schema, naming the field at fault. */
export const readPublishedReport = async (path: string): Promise<Either<UnreadableReport, Report>> => {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return E.left(
      unreadable(path, (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error)),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return E.left(unreadable(path, `not JSON: ${error instanceof Error ? error.message : String(error)}`));
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success)
    return E.left(unreadable(path, `not an Insieme report: ${formatZodError(parsed.error)}`));
  return E.right(parsed.data);
};
