import {
  canonicalJson,
  type Report,
  type ReportRequest,
  type ReportStore,
  renderReportHtml,
  renderReportText,
  reportFromStore,
} from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { CliError } from "./errors.js";

export type { ReportRequest, ReportStore } from "@insieme/statistics";

/** Replays a store (decoding every event with the domain registry) and builds the report. */
export const computeReport = async (source: ReportStore, request: ReportRequest): Promise<Report> => {
  const report = await reportFromStore(source, request);
  if (E.isLeft(report)) throw new CliError(`cannot replay ${source.location}: ${report.left.message}`);
  return report.right;
};

export type ReportFormat = "json" | "table" | "html";

export const formatReport = (report: Report, format: ReportFormat): string => {
  switch (format) {
    case "json":
      return `${canonicalJson(report, 2)}\n`;
    case "table":
      return renderReportText(report);
    case "html":
      return renderReportHtml(report);
  }
};

/** One line: the configuration versions the replayed events were decided under. */
export const describeDecidedUnder = (report: Report): string =>
  `decided under: ${
    [
      ...report.provenance.configuration.decidedUnder.map(
        (v) => `${v.id} v${v.version} (sha256 ${v.hash}, ${v.events} events)`,
      ),
      ...(report.provenance.configuration.unrecorded > 0
        ? [`${report.provenance.configuration.unrecorded} events without a recorded configuration`]
        : []),
    ].join("; ") || "no events"
  }`;
