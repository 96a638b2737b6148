// Throughput of the public API on the in-memory store: `execute` per command (validate, load one stream, decide,
// append). Run: pnpm --filter @insieme/domain bench
import { performance } from "node:perf_hooks";
import { InMemoryEventStore, sequentialIds } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { createInsieme, InMemoryPersonalDataVault } from "../src/index.js";

const COMPANIES = 1_000;
const COMMANDS = Number(process.argv[2] ?? 200_000);

const insieme = createInsieme({
  store: new InMemoryEventStore(),
  ids: sequentialIds("e"),
  personKey: new Uint8Array(32).fill(1),
  vault: new InMemoryPersonalDataVault(),
});
const actor = { id: "op", role: "operator" } as const;
const occurredAt = "2018-03-01T09:00:00Z";

for (let c = 0; c < COMPANIES; c++) {
  const r = await insieme.execute({
    commandId: `join-${c}`,
    type: "JoinBoard",
    occurredAt,
    actor,
    data: {
      companyId: `co-${c}`,
      name: `Company ${c}`,
      channel: "cna",
      size: "small",
      sector: "C",
      municipalityIstat: "037006",
    },
  });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
}

const run = async (count: number, offset: number) => {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const r = await insieme.execute({
      commandId: `need-${n}`,
      type: "DeclareCompanyNeeds",
      occurredAt,
      actor,
      data: {
        companyId: `co-${n % COMPANIES}`,
        needId: `n-${n}`,
        profiles: [{ occupationGroup: 5, positions: 2 }],
        trainingRequested: false,
      },
    });
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000 };
};

await run(20_000, 0);
const { ms, cpuMs } = await run(COMMANDS, 20_000);
// CPU time is reported too: on a shared machine wall time also measures the neighbours.
console.log(
  `${COMMANDS} DeclareCompanyNeeds commands over ${COMPANIES} company streams: ${ms.toFixed(0)} ms wall, ` +
    `${Math.round((COMMANDS / ms) * 1000)} commands/s; ${cpuMs.toFixed(0)} ms CPU, ${Math.round((COMMANDS / cpuMs) * 1000)} commands per CPU-second`,
);
