import { readFile, stat } from "node:fs/promises";
import { type EarlierReport, earlierReportSchema } from "@insieme/statistics";
import { CliError } from "./errors.js";

/** Largest earlier report read for `--changes-since` (a report is a few hundred KiB). */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Reads and checks an earlier JSON report (`insieme report --format json`): bounded, parsed, schema-checked. */
export const readEarlierReport = async (path: string): Promise<EarlierReport> => {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new CliError(
      `--changes-since ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})`,
      2,
    );
  }
  if (size > MAX_REPORT_BYTES)
    throw new CliError(`--changes-since ${path}: ${size} bytes, more than a report's ${MAX_REPORT_BYTES}`, 2);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new CliError(`--changes-since ${path}: not JSON (${(e as Error).message})`, 2);
  }
  const parsed = earlierReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `--changes-since ${path}: not an insieme JSON report: ${issue?.path.join(".") || "(top)"}: ${issue?.message ?? "invalid"}`,
      2,
    );
  }
  return parsed.data;
};
