import { readFileSync } from "node:fs";
import {
  createInsieme,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  importCommands,
} from "@insieme/domain";
import { InMemoryEventStore, sequentialIds } from "@insieme/kernel";
import { PUBLISHED_FIGURES, PUBLISHED_SCENARIO_SEED, publishedScenario } from "@insieme/scenarios";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, type Report, StatisticsReplay } from "../src/index.js";
import { reportOver, tableOf } from "./support/report-reading.js";

const file = new URL("../../../examples/published-scenario/commands.ndjson", import.meta.url);

/** Fails naming the table and the row, e.g. "Aziende in numeri — Legacoop: expected 5, reported 4". */
const expectRow = (table: string, row: string, reported: unknown, expected: number) => {
  if (reported !== expected)
    throw new Error(`${table} — ${row}: expected ${expected}, reported ${JSON.stringify(reported)}`);
};

describe("the published scenario reproduces the source's tables", () => {
  let report: (window: { from: string | null; to: string | null }) => Report;

  beforeAll(async () => {
    const store = new InMemoryEventStore();
    const insieme = createInsieme({
      configuration: ILLUSTRATIVE_CONFIGURATION,
      store,
      ids: sequentialIds("ev"),
      personKey: new Uint8Array(32).fill(3),
      vault: new InMemoryPersonalDataVault(),
    });
    const lines = readFileSync(file, "utf8").split("\n");
    const imported = await importCommands(lines, insieme);
    expect(imported.errors).toEqual([]);
    // A second import of the same file, after a restart, is all duplicates and writes nothing.
    const head = await store.headPosition();
    const restarted = createInsieme({
      configuration: ILLUSTRATIVE_CONFIGURATION,
      store,
      ids: sequentialIds("again"),
      personKey: new Uint8Array(32).fill(3),
      vault: new InMemoryPersonalDataVault(),
    });
    const again = await importCommands(lines, restarted);
    expect(again.errors).toEqual([]);
    expect(again.duplicates).toBe(imported.accepted);
    expect(await store.headPosition()).toBe(head);
    const replay = new StatisticsReplay().applyAll(store.events());
    report = (window) => reportOver(replay, window, { mode: "published", minCell: 3 });
  });

  it("the committed command file is the generator's output for the fixed seed", () => {
    const generated = [...publishedScenario(PUBLISHED_SCENARIO_SEED)].map((c) => canonicalJson(c)).join("\n");
    expect(readFileSync(file, "utf8")).toBe(`${generated}\n`);
  });

  it("Aziende in numeri: 26 / 1 / 5 / 5 / 1 / 9 / 1, 48 in the Board, 48 active", () => {
    const r = report({ from: null, to: null });
    const table = tableOf(r, "companies", "byChannel");
    for (const [channel, expected] of Object.entries(PUBLISHED_FIGURES.companies)) {
      const row = table.rows.find((x) => x.key === channel);
      expectRow("Aziende in numeri", row?.label ?? channel, row?.cells[0], expected);
    }
    for (const row of table.rows) {
      if (!(row.key in PUBLISHED_FIGURES.companies))
        expectRow("Aziende in numeri", row.label, row.cells[0], 0);
    }
    expectRow(
      "Aziende in numeri",
      "Aziende aderenti al board",
      table.totals?.cells[0],
      PUBLISHED_FIGURES.companiesTotal,
    );
    expectRow(
      "Aziende in numeri",
      "Realtà attive totali",
      tableOf(r, "companies", "active").rows[0]?.cells[0],
      PUBLISHED_FIGURES.companiesActive,
    );
  });

  it("Progetti sociali in numeri: Autoimpiego 25/7/6/6/6/8, Sociali 12/0/6/5/1/2", () => {
    const table = tableOf(report({ from: null, to: null }), "projects", "byKind");
    for (const [kind, figures] of Object.entries(PUBLISHED_FIGURES.projects)) {
      const row = table.rows.find((x) => x.key === kind);
      table.columns.forEach((c, i) => {
        // Withdrawn and revoked projects are columns of our own: the source publishes none (0 in the scenario).
        if (c.key === "withdrawn" || c.key === "revoked") {
          expect(row?.cells[i]).toBe(0);
          return;
        }
        expectRow(
          "Progetti sociali in numeri",
          `${row?.label ?? kind} / ${c.label}`,
          row?.cells[i],
          figures[c.key as keyof typeof figures],
        );
      });
    }
  });

  it("733 applications from May to 30 November 2017 analysed after the first interview", () => {
    const { from, to, applications } = PUBLISHED_FIGURES.firstCohort;
    const cohort = tableOf(report({ from, to }), "firstInterviewOutcomes", "cohort");
    expectRow(
      "Dopo il primo colloquio",
      "Totale candidature maggio–novembre 2017",
      cohort.totals?.cells[0],
      applications,
    );
    expectRow(
      "Dopo il primo colloquio",
      "In attesa del primo colloquio",
      cohort.rows.find((x) => x.key === "awaiting")?.cells[0],
      0,
    );
    const trend = tableOf(report({ from, to }), "applicationsTrend", "byMonth");
    expectRow(
      "Il trend delle candidature",
      "Totale maggio–novembre 2017",
      trend.totals?.cells[0],
      applications,
    );
  });

  it("68% of the people in target of the 733 applications are immediately placeable", () => {
    const { from, to } = PUBLISHED_FIGURES.firstCohort;
    const cohort = tableOf(report({ from, to }), "firstInterviewOutcomes", "cohort");
    const interviewed = [
      "immediately_placeable",
      "empowerment_path",
      "referred_elsewhere",
      "withdrawn",
      "no_show",
    ].map((key) => cohort.rows.find((x) => x.key === key)?.cells[0]);
    const counts = interviewed.map((c) => (typeof c === "number" ? c : Number.NaN));
    const share = Math.round((100 * (counts[0] ?? 0)) / counts.reduce((a, b) => a + b, 0));
    expectRow(
      "Dopo il primo colloquio",
      "quota immediatamente candidabili tra le persone in target (%)",
      share,
      PUBLISHED_FIGURES.immediatelyPlaceablePercent,
    );
  });

  it("68% of the people in target immediately placeable", () => {
    const figure = report({ from: null, to: null }).statistics.find((s) => s.id === "immediatelyPlaceable")
      ?.figures[0];
    expectRow(
      "Persone del target immediatamente candidabili",
      "quota (%)",
      figure?.value,
      PUBLISHED_FIGURES.immediatelyPlaceablePercent,
    );
  });

  it("publishes no person-level count below 3, for the whole programme and for a single month", () => {
    for (const window of [
      { from: null, to: null },
      { from: "2018-02-01", to: "2018-02-28" },
    ]) {
      for (const statistic of report(window).statistics) {
        for (const table of statistic.tables) {
          if (table.disclosureRule !== "person-level") continue;
          const cells = [
            ...table.rows.flatMap((r) => [...r.cells, r.total]),
            ...(table.totals?.cells ?? []),
            table.totals?.total ?? null,
          ];
          for (const cell of cells) {
            if (typeof cell === "number")
              expect(cell === 0 || cell >= 3, `${statistic.id}.${table.key}: ${cell}`).toBe(true);
          }
        }
      }
    }
  });
});
