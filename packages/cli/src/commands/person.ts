import {
  type CaseHistory,
  configurationInForce,
  describeError,
  type ProgrammeConfiguration,
  type PseudonymousPersonHistory,
  readPseudonymousPersonHistory,
} from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { type CliIo, processIo } from "../cli-io.js";
import { configurationOption } from "../configuration-option.js";
import { CliError } from "../errors.js";
import { openJournalStore } from "../journal-store.js";
import { parseOptions, personOptionsSchema } from "../options.js";

/** The last day a closed case may be re-opened: `reopening.reopenWithinDays` of the version in force on its closing. */
const reopenableUntil = (c: CaseHistory, configuration: ProgrammeConfiguration): string | null => {
  const closedOn = c.closings.at(-1)?.closedOn;
  if (c.status !== "closed" || closedOn === undefined) return null;
  const inForce = configurationInForce(configuration, closedOn);
  if (inForce === undefined) return null;
  const day = new Date(`${closedOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + inForce.rules.reopening.reopenWithinDays);
  return day.toISOString().slice(0, 10);
};

const list = (items: readonly string[]): string => (items.length === 0 ? "-" : items.join("; "));

const table = (
  history: PseudonymousPersonHistory,
  until: ReadonlyMap<string, string | null> | null,
): string => {
  const lines = [
    `person ${history.personId}: ${history.cases.length} case(s), ${history.timeline.length} fact(s) — pseudonymous: no personal data, no note text`,
    "",
    "cases (in the order they were opened)",
  ];
  for (const c of history.cases) {
    lines.push(`  ${c.candidateId}: applied ${c.appliedOn ?? "-"}, status ${c.status}`);
    if (c.screening !== null)
      lines.push(
        `    screening: ${c.screening.outcome}${c.screening.notInTargetReason === null ? "" : ` (${c.screening.notInTargetReason})`}`,
      );
    if (c.interviews.length > 0)
      lines.push(`    interviews: ${list(c.interviews.map((i) => `${i.heldOn} ${i.outcome}`))}`);
    if (c.proposals.length > 0)
      lines.push(`    proposals: ${list(c.proposals.map((p) => `${p.on} company ${p.companyId}`))}`);
    if (c.internships.length > 0)
      lines.push(
        `    internships: ${list(
          c.internships.map(
            (i) =>
              `${i.startDate} company ${i.companyId}${i.ended === null ? "" : `, ended ${i.ended.on} (${i.ended.reason})`}`,
          ),
        )}`,
      );
    for (const h of c.hirings) {
      const end = h.contractEnd === null ? "" : `, ended ${h.contractEnd.endedOn} (${h.contractEnd.reason})`;
      const follow = h.followUps.map((f) => `${f.milestone} ${f.contactedOn} ${f.employmentStatus}`);
      lines.push(
        `    hired ${h.hiredOn} by company ${h.companyId}: ${h.contractType}, ${h.placementOrder}${end}${follow.length === 0 ? "" : `; follow-ups: ${list(follow)}`}`,
      );
    }
    if (c.withdrawals.length > 0)
      lines.push(`    withdrawals: ${list(c.withdrawals.map((w) => `${w.withdrawnOn} ${w.reason}`))}`);
    if (c.closings.length > 0)
      lines.push(`    closings: ${list(c.closings.map((x) => `${x.closedOn} ${x.reason}`))}`);
    if (c.reopenings.length > 0)
      lines.push(
        `    re-openings: ${list(c.reopenings.map((r) => `${r.reopenedOn} ${r.reason} (resumed at ${r.resumedStatus})`))}`,
      );
    const limit = until?.get(c.candidateId);
    if (limit !== undefined && limit !== null) lines.push(`    may be re-opened until ${limit}`);
    if (c.noteCount > 0) lines.push(`    notes: ${c.noteCount}`);
  }
  lines.push("", "timeline (facts as corrected)");
  for (const t of history.timeline) {
    lines.push(`  ${t.date}  ${t.candidateId}  ${t.type}: ${t.summary}${t.voided ? "  [voided]" : ""}`);
    for (const c of t.corrections)
      lines.push(
        `      ${c.action === "void" ? "voided" : `corrected (${list(c.fields)})`} ${c.correctedAt.slice(0, 10)} by ${c.role}: ${c.reason}`,
      );
  }
  return `${lines.join("\n")}\n`;
};

/**
 * `insieme person --journal PATH --person ID [--format json|table] [--config FILE]`: the person across cases, as
 * the journal holder may read it — by pseudonym (no personal data, no note text): every case in the order it was
 * opened, and one timeline of the facts as corrected, with their corrections. With `--config`, a closed case says
 * until when it may be re-opened. An unknown person: exit 1.
 */
export const personCommand = async (raw: unknown, io: CliIo = processIo): Promise<void> => {
  const options = parseOptions(personOptionsSchema, raw);
  const configuration = options.config === undefined ? null : await configurationOption(options.config);
  const source = await openJournalStore(options.journal, { readOnly: true });
  try {
    const history = await readPseudonymousPersonHistory(source.store, options.person);
    if (E.isLeft(history)) {
      const error = history.left;
      if (error._tag === "DomainError" && error.rule === "person-not-found")
        throw new CliError(`${options.journal}: no person ${options.person} in this journal`);
      throw new CliError(`${options.journal}: ${describeError(error)}`);
    }
    const until =
      configuration === null
        ? null
        : new Map(history.right.cases.map((c) => [c.candidateId, reopenableUntil(c, configuration)]));
    if (options.format === "json") {
      const cases = history.right.cases.map((c) =>
        until === null ? c : { ...c, reopenableUntil: until.get(c.candidateId) ?? null },
      );
      io.stdout(`${JSON.stringify({ ...history.right, cases }, null, 2)}\n`);
      return;
    }
    io.stdout(table(history.right, until));
  } finally {
    await source.close();
  }
};
