import type { ComparedCell, WhatIfResult } from "../what-if/what-if.js";
import { formatCount, formatPercent } from "./format.js";

const cellText = (cell: ComparedCell, percent = false): string => {
  const f = percent ? formatPercent : formatCount;
  return `${f(cell.current)} → ${f(cell.whatIf)}`;
};

const changed = (cell: ComparedCell): boolean =>
  typeof cell.current === "number" && typeof cell.whatIf === "number"
    ? cell.current !== cell.whatIf
    : typeof cell.current !== typeof cell.whatIf;

/** The what-if as text: the configurations, every changed cell as current → what-if, the persons, the cases left. */
export const renderWhatIfText = (result: WhatIfResult): string => {
  const c = result.configuration;
  const lines: string[] = [
    "What-if (RAW — USO INTERNO: conteggi non soppressi e identificativi pseudonimi, solo per personale autorizzato)",
    `Storia decisa con: ${c.current.map((v) => `${v.id} v${v.version} (${v.hash.slice(0, 12)}…, ${v.events} eventi)`).join("; ") || "nessun evento"}`,
    `Confronto con: ${c.whatIf.map((v) => `${v.id} v${v.version} (${v.hash.slice(0, 12)}…)`).join("; ")}`,
    `Eventi: ${result.eventsReplayed} · celle cambiate: ${result.changedCells} · persone che cambiano categoria: ${result.moved.length} · casi non giudicabili: ${result.cannotJudge.length}`,
    "",
  ];
  for (const s of result.statistics) {
    if (s.changedCells === 0) continue;
    lines.push(`${s.title} (${s.id})`);
    for (const t of s.tables) {
      if (t.changedCells === 0) continue;
      lines.push(`  ${t.title}`);
      for (const row of t.rows) {
        row.cells.forEach((cell, i) => {
          if (!changed(cell)) return;
          const column = t.columns.length > 1 ? ` / ${t.columns[i]?.label ?? i}` : "";
          lines.push(`    ${row.label}${column}: ${cellText(cell)}`);
        });
      }
    }
    for (const f of s.figures) {
      if (changed(f.value)) lines.push(`  ${f.label}: ${cellText(f.value, true)}`);
    }
    lines.push("");
  }
  if (result.changedCells === 0) lines.push("Nessuna cella cambia.", "");
  if (result.moved.length > 0) {
    lines.push(
      "Persone che cambiano categoria (id pseudonimo, candidatura, data della valutazione: ora → what-if)",
    );
    for (const m of result.moved) {
      const j = (x: typeof m.current) =>
        `${x.outcome}${x.notInTargetReason === null ? "" : ` (${x.notInTargetReason})`}${x.indexPermille === null ? "" : ` indice ${x.indexPermille}‰`}`;
      lines.push(
        `  ${m.personId} ${m.candidateId} ${m.screenedOn}: ${j(m.current)} → ${j(m.whatIf)}${m.laterEventsLeftOut > 0 ? ` · ${m.laterEventsLeftOut} eventi successivi esclusi` : ""}`,
      );
    }
    lines.push("");
  }
  if (result.cannotJudge.length > 0) {
    lines.push("Casi non giudicabili con la nuova configurazione");
    for (const u of result.cannotJudge) lines.push(`  ${u.personId ?? "-"} ${u.candidateId}: ${u.reason}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
};
