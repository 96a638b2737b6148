import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "@insieme/cli";
import {
  type ConfigurationVersion,
  createInsieme,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  loadConfiguration,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import { InMemoryEventStore, NamespacedEventStore, sequentialIds, steppingClock } from "@insieme/kernel";
import { syntheticProgramme } from "@insieme/scenarios";
import { canonicalJson, type Report, renderReportHtml, reportFromStore } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Running, startService } from "./support/http.js";

const CARPI_FILE = fileURLToPath(
  new URL("../../../packages/domain/src/configuration/programmes/carpi-illustrative.json", import.meta.url),
);
let carpi: ProgrammeConfiguration;
let carpiRules: ConfigurationVersion;
let running: Running | undefined;
let dir: string | undefined;

beforeAll(async () => {
  const loaded = await loadConfiguration(CARPI_FILE);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  carpi = loaded.right;
  carpiRules = carpi.versions[0]?.rules as ConfigurationVersion;
});

afterEach(async () => {
  await running?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  running = undefined;
  dir = undefined;
});

const quiet = { stdout: () => {}, stderr: () => {} };

/** Every label and title a report shows. */
const textsOf = (report: Report): string[] => [
  report.title,
  ...report.statistics.flatMap((s) => [
    s.title,
    s.description,
    ...s.tables.flatMap((t) => [
      t.title,
      t.rowHeader,
      ...t.rows.map((r) => r.label),
      ...t.columns.map((c) => c.label),
    ]),
  ]),
];

describe("a second territory: the Distretto di Carpi", () => {
  it("runs a generated scenario end to end: import, report, verify, dashboard data; nothing of Bologna shows", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-carpi-"));
    const commands = join(dir, "carpi.ndjson");
    const lines = [
      ...syntheticProgramme({ seed: 21, candidates: 150, configuration: carpiRules, prefix: "carpi" }),
    ];
    await writeFile(commands, `${lines.map((c) => canonicalJson(c)).join("\n")}\n`);
    const journal = join(dir, "journal");
    expect(await runCli(["import", "--config", CARPI_FILE, "--journal", journal, commands], quiet)).toBe(0);
    const out = join(dir, "report.json");
    expect(
      await runCli(
        ["report", "--config", CARPI_FILE, "--journal", journal, "--format", "json", "--raw", "--out", out],
        quiet,
      ),
    ).toBe(0);
    const report = JSON.parse(await readFile(out, "utf8")) as Report;
    expect(await runCli(["verify", "--config", CARPI_FILE, "--journal", journal], quiet)).toBe(0);

    expect(report.title).toBe("Insieme per il lavoro — Terre d'Argine — I numeri (RAW — USO INTERNO)");
    expect(report.provenance.configuration.decidedUnder.map((v) => v.id)).toEqual([
      "insieme-carpi-illustrative",
    ]);
    const territory = report.statistics.find((s) => s.id === "territory");
    const comuni = territory?.tables.find((t) => t.key === "byMunicipality");
    expect(comuni?.rows.map((r) => r.key)).toEqual(["036003", "036005", "036027", "036044", "outside"]);
    const frazioni = territory?.tables.find((t) => t.key === "byQuartiere");
    expect(frazioni?.rowHeader).toBe("Frazione");
    expect(frazioni?.rows.map((r) => r.label)).toContain("Fossoli");
    const inTarget = report.statistics.find((s) => s.id === "screeningOutcomes")?.tables[0]?.rows[0]
      ?.cells[0];
    expect(typeof inTarget === "number" && inTarget > 0).toBe(true);
    const texts = textsOf(report).join("\n");
    expect(texts.split("\n").filter((t) => /Bologna|Città metropolitana|quartiere/i.test(t))).toEqual([]);
    expect(texts).toContain("Servizi Sociali di Carpi");

    // The service's (raw, staff-only) report: the same bytes, labelled with Carpi's configuration.
    running = await startService({ journal, configuration: carpi });
    const served = await (
      await fetch(`${running.url}/report?raw=true`, {
        headers: await running.as({ id: "aud-1", role: "auditor" }),
      })
    ).text();
    expect(served).toBe(await readFile(out, "utf8"));
    const dashboard = JSON.parse(served) as Report;
    expect(dashboard.statistics.find((s) => s.id === "territory")?.tables.map((t) => t.key)).toEqual(
      territory?.tables.map((t) => t.key),
    );
    expect(dashboard.provenance.configuration.labelledBy.id).toBe("insieme-carpi-illustrative");
    // Every label of this configuration is the project's invention: the HTML report says so in a note.
    const html = renderReportHtml(report);
    expect(html).toContain('class="notice our-reading"');
    expect(html).toContain("Etichette nostra lettura");
  });

  it("several programmes share one store, isolated: commands, reads, reports and exports see their own only", async () => {
    const shared = new InMemoryEventStore(steppingClock("2030-01-01T00:00:00Z", 1000));
    const service = (namespace: string, configuration: ProgrammeConfiguration) =>
      createInsieme({
        configuration,
        store: new NamespacedEventStore(shared, namespace),
        ids: sequentialIds(`${namespace}-ev`),
        personKey: new Uint8Array(32).fill(5),
        vault: new InMemoryPersonalDataVault(),
      });
    const bologna = service("bologna", ILLUSTRATIVE_CONFIGURATION);
    const terreArgine = service("carpi", carpi);
    const bolognaRules = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules as ConfigurationVersion;
    // The same ids in both programmes (the same prefix): isolation, not luck, keeps them apart.
    const run = async (insieme: typeof bologna, rules: ConfigurationVersion) => {
      for (const command of syntheticProgramme({
        seed: 4,
        candidates: 40,
        configuration: rules,
        prefix: "p",
      })) {
        const result = await insieme.execute(command);
        if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
      }
    };
    await run(bologna, bolognaRules);
    await run(terreArgine, carpiRules);

    const alone = new InMemoryEventStore(steppingClock("2030-01-01T00:00:00Z", 1000));
    await run(
      createInsieme({
        configuration: carpi,
        store: alone,
        ids: sequentialIds("carpi-ev"),
        personKey: new Uint8Array(32).fill(5),
        vault: new InMemoryPersonalDataVault(),
      }),
      carpiRules,
    );
    const request = {
      window: { from: null, to: null, asOf: null },
      disclosure: { mode: "raw" as const },
      configuration: carpi,
    };
    const inShared = await reportFromStore(
      { store: new NamespacedEventStore(shared, "carpi"), kind: "memory", location: "m" },
      request,
    );
    const onItsOwn = await reportFromStore({ store: alone, kind: "memory", location: "m" }, request);
    if (E.isLeft(inShared) || E.isLeft(onItsOwn)) throw new Error("replay failed");
    expect(inShared.right.statistics).toEqual(onItsOwn.right.statistics);

    const exported: string[] = [];
    for await (const event of new NamespacedEventStore(shared, "carpi").readAll())
      exported.push(event.streamId);
    const all: string[] = [];
    for await (const event of shared.readAll()) all.push(event.streamId);
    expect(exported.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(exported.length);
    expect(exported.every((s) => !s.includes("/"))).toBe(true);
    expect(all.every((s) => s.startsWith("bologna/") || s.startsWith("carpi/"))).toBe(true);

    const operator = { id: "op", role: "operator" } as const;
    const seen = await bologna.readCandidate("p-cand-1", operator);
    const other = await terreArgine.readCandidate("p-cand-1", operator);
    expect(E.isRight(seen) && E.isRight(other)).toBe(true);
    const istatOf = (v: typeof seen) =>
      E.isRight(v) && v.right.view !== "cv" ? v.right.state.profile?.residence.municipalityIstat : undefined;
    expect(istatOf(seen)?.startsWith("037")).toBe(true);
    expect(istatOf(other)?.startsWith("036")).toBe(true);
  });
});
