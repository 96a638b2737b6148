import { readFile } from "node:fs/promises";
import { loadConfiguration } from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { parseAuditArguments, UsageError } from "./arguments.js";
import { auditJournal, describeAudit } from "./audit.js";
import { readPublishedReport } from "./published-report.js";
import { readSignatureEvidence } from "./signature-evidence.js";

/** Exit codes: 0 the journal reproduces the report, 1 it does not, 2 the audit could not start. */
const main = async (argv: readonly string[]): Promise<number> => {
  const args = parseAuditArguments(argv, process.env.INIT_CWD ?? process.cwd());
  const report = await readPublishedReport(args.report);
  if (E.isLeft(report)) {
    process.stderr.write(`audit: ${report.left.message}\n`);
    return 2;
  }
  const configuration = await loadConfiguration(args.config);
  if (E.isLeft(configuration)) {
    process.stderr.write(`audit: ${configuration.left.where}: ${configuration.left.message}\n`);
    return 2;
  }
  const signature =
    args.signature === undefined
      ? undefined
      : await readSignatureEvidence(args.signature.file, args.signature.publicKey);
  if (signature !== undefined && E.isLeft(signature)) {
    process.stderr.write(`audit: ${signature.left.message}\n`);
    return 2;
  }
  const text = await readFile(args.report, "utf8");
  process.stdout.write(`Auditing ${args.journal} against ${args.report}\n`);
  const result = await auditJournal(args.journal, report.right, configuration.right, {
    text,
    ...(signature === undefined ? {} : { signature: signature.right }),
  });
  process.stdout.write(describeAudit(result));
  return result.verdict === "match" ? 0 : 1;
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`audit: ${error instanceof UsageError ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
