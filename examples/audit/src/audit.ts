import { domainRegistry, type ProgrammeConfiguration } from "@insieme/domain";
import { chainHashAt, openJournal, verifyJournal } from "@insieme/journal";
import {
  buildReport,
  canonicalJson,
  DEFAULT_MIN_CELL,
  type DisclosureMode,
  LIBRARY,
  type Report,
  verifyReportSignature,
} from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { replayTo } from "./replay-to.js";
import type { SignatureEvidence } from "./signature-evidence.js";

/** What else the auditor holds besides the parsed report: its file's text and its signature, when published. */
export interface AuditEvidence {
  /** The report file exactly as published: the replay must reproduce it byte for byte. */
  readonly text?: string;
  readonly signature?: SignatureEvidence;
}

/** The signature check: valid for this key, over these bytes, citing the head hash and position the report cites. */
const signatureCheck = (published: Report, text: string, evidence: SignatureEvidence): AuditCheck => {
  const verified = verifyReportSignature(text, evidence.json, evidence.publicKey);
  if (E.isLeft(verified)) return { name: "signature", ok: false, detail: verified.left };
  const s = verified.right;
  const p = published.provenance;
  const cites =
    s.journalHash.kind === p.journalHash.kind &&
    s.journalHash.value === p.journalHash.value &&
    s.lastPosition === p.lastPosition;
  return {
    name: "signature",
    ok: cites,
    detail: cites
      ? `Ed25519 signature valid (public key sha256 ${s.publicKeySha256}) over the report's bytes (sha256 ${s.reportSha256}) and its journal hash ${s.journalHash.value}`
      : `the signature cites journal hash ${s.journalHash.value} at position ${s.lastPosition ?? "none"}; the report cites ${p.journalHash.value} at ${p.lastPosition ?? "none"}`,
  };
};

/** One thing the auditor checked, passed or not, and what was found. */
export interface AuditCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface AuditResult {
  /** "match": the journal, replayed by this library, reproduces the published report exactly. */
  readonly verdict: "match" | "mismatch";
  readonly checks: readonly AuditCheck[];
}

const verdictOf = (checks: readonly AuditCheck[]): AuditResult => ({
  verdict: checks.every((c) => c.ok) ? "match" : "mismatch",
  checks,
});

const disclosureOf = (report: Report): DisclosureMode =>
  report.provenance.disclosure.mode === "raw"
    ? { mode: "raw" }
    : { mode: "published", minCell: report.provenance.disclosure.minCell ?? DEFAULT_MIN_CELL };

/** Statistics whose published content differs from the replayed one (ids, in report order). */
const differingStatistics = (published: Report, replayed: Report): string[] =>
  published.statistics
    .filter((s, i) => canonicalJson(s) !== canonicalJson(replayed.statistics[i]))
    .map((s) => s.id);

/**
 * The auditor's procedure: the library version the report was computed with; the journal's hash chain, record
 * schemas and every event's data (and, for a report that cites a chain head, that the chain still passes through
 * it); a replay up to the report's last position; the journal hash the report cites; and every published table,
 * rebuilt with the report's own period, as-of and disclosure settings.
 */
export const auditJournal = async (
  journalPath: string,
  published: Report,
  configuration: ProgrammeConfiguration,
  evidence: AuditEvidence = {},
): Promise<AuditResult> => {
  const p = published.provenance;
  const checks: AuditCheck[] = [];
  if (evidence.signature !== undefined) {
    if (evidence.text === undefined)
      throw new TypeError("a signature is checked against the report file's text");
    checks.push(signatureCheck(published, evidence.text, evidence.signature));
  }
  const sameLibrary = p.library.name === LIBRARY.name && p.library.version === LIBRARY.version;
  checks.push({
    name: "library version",
    ok: sameLibrary,
    detail: sameLibrary
      ? `${LIBRARY.name} ${LIBRARY.version}, as the report states`
      : `the report was computed with ${p.library.name} ${p.library.version}; this is ${LIBRARY.name} ${LIBRARY.version}: audit with that version`,
  });

  const anchor = p.journalHash.kind === "chain-head" ? p.journalHash.value : undefined;
  const verified = await verifyJournal(journalPath, {
    decode: (event) => domainRegistry.decodeRecorded(event),
    ...(anchor === undefined ? {} : { mustContainHash: anchor }),
  });
  if (E.isLeft(verified)) {
    checks.push({ name: "journal", ok: false, detail: verified.left.message });
    return verdictOf(checks);
  }
  const v = verified.right;
  checks.push({
    name: "journal",
    ok: true,
    detail: `hash chain, record schemas and event data valid: ${v.records} records, ${v.events} events in ${v.streams} streams, head hash ${v.headHash}`,
  });

  const opened = await openJournal(journalPath, { readOnly: true });
  if (E.isLeft(opened)) {
    checks.push({ name: "replay", ok: false, detail: opened.left.message });
    return verdictOf(checks);
  }
  const journal = opened.right;
  try {
    const replayed = await replayTo(journal, p.lastPosition);
    if (E.isLeft(replayed)) {
      checks.push({ name: "replay", ok: false, detail: replayed.left.message });
      return verdictOf(checks);
    }
    const r = replayed.right;
    const reached = r.lastPosition === p.lastPosition && r.events === p.eventsReplayed;
    checks.push({
      name: "replay",
      ok: reached,
      detail: reached
        ? `${r.events} events replayed up to position ${r.lastPosition ?? "none"}, as the report states`
        : `the report cites ${p.eventsReplayed} events up to position ${p.lastPosition ?? "none"}; the journal gives ${r.events} up to ${r.lastPosition ?? "none"}`,
    });

    if (p.journalHash.kind === "chain-head") {
      const cited = p.journalHash.value;
      // A report cites the chain hash of the record at its last position, which the chain keeps for ever (and
      // must still pass through, verified above): at the head or after the journal grew, with --as-of or not.
      const atPosition = await chainHashAt(journal)(r.lastPosition);
      const atHead = (await journal.headPosition()) === r.lastPosition;
      const ok = atPosition === cited;
      checks.push({
        name: "journal hash",
        ok,
        detail: ok
          ? atHead
            ? `chain hash ${cited} at position ${r.lastPosition ?? "none"}, the journal's last event, as the report cites`
            : `the journal has grown since the report; its chain hash at position ${r.lastPosition ?? "none"} is ${cited}, as the report cites`
          : `the report cites chain hash ${cited}; the journal's at position ${r.lastPosition ?? "none"} is ${atPosition ?? "missing"}`,
      });
    } else {
      const same = r.eventsHash === p.journalHash.value;
      checks.push({
        name: "journal hash",
        ok: same,
        detail: same
          ? `SHA-256 of the replayed events ${r.eventsHash}, as the report cites`
          : `the report cites events hash ${p.journalHash.value}; the replayed events hash to ${r.eventsHash}`,
      });
    }

    const rebuilt = buildReport(
      r.replay.snapshot(),
      { store: p.store, lastPosition: r.lastPosition, eventsReplayed: r.events, journalHash: p.journalHash },
      { window: p.window, disclosure: disclosureOf(published), configuration },
    );
    const differing = differingStatistics(published, rebuilt);
    const sameTitle = rebuilt.title === published.title;
    checks.push({
      name: "content",
      ok: differing.length === 0 && sameTitle,
      detail:
        differing.length === 0 && sameTitle
          ? `all ${published.statistics.length} statistics are identical to the published ones`
          : `differs from the replay: ${[...(sameTitle ? [] : ["title"]), ...differing].join(", ")}`,
    });
    if (evidence.text !== undefined) {
      // As `insieme report --format json` writes it.
      const bytes = `${canonicalJson(rebuilt, 2)}\n`;
      const same = bytes === evidence.text;
      checks.push({
        name: "bytes",
        ok: same,
        detail: same
          ? `the replay, written as \`insieme report --format json\` writes it, is the published file byte for byte (${Buffer.byteLength(bytes)} bytes)`
          : `the published file is not byte for byte what the replay writes (${Buffer.byteLength(evidence.text)} bytes published, ${Buffer.byteLength(bytes)} replayed)`,
      });
    }
    return verdictOf(checks);
  } finally {
    await journal.close();
  }
};

/** The audit as people read it: one line per check, then the verdict. */
export const describeAudit = (result: AuditResult): string => {
  const lines = result.checks.map((c) => `${c.ok ? "  OK    " : "  FAIL  "}${c.name}: ${c.detail}`);
  const failed = result.checks.filter((c) => !c.ok).map((c) => c.name);
  lines.push(
    result.verdict === "match"
      ? "VERDICT: MATCH — the journal, replayed by this library, reproduces the published report"
      : `VERDICT: MISMATCH — ${failed.join(", ")}: the published report is not what this journal gives`,
  );
  return `${lines.join("\n")}\n`;
};
