// Throughput of the public API on the in-memory store: `execute` per command (validate, load one stream, decide,
// append). Plain JavaScript over the compiled package, so that no TypeScript loader is measured.
// Run: pnpm --filter @insieme/domain bench [count]
import { performance } from "node:perf_hooks";
import { InMemoryEventStore, sequentialIds } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import {
  codiceFiscaleCheckChar,
  createInsieme,
  ILLUSTRATIVE_CONFIGURATION,
  ILLUSTRATIVE_FRAGILITY_PROFILE,
  InMemoryPersonalDataVault,
} from "../dist/index.js";

const COMPANIES = 1_000;
const COMMANDS = Number(process.argv[2] ?? 200_000);
const insieme = createInsieme({
  configuration: ILLUSTRATIVE_CONFIGURATION,
  store: new InMemoryEventStore(),
  ids: sequentialIds("e"),
  personKey: new Uint8Array(32).fill(1),
  vault: new InMemoryPersonalDataVault(),
});
const actor = { id: "op", role: "operator" };
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
const run = async (count, offset) => {
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
/** Whole candidate paths (application, screening, interview, proposal, internship, hiring, closing): cross-stream commands. */
const paths = async (count) => {
  const cf = (n) => {
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const l = (k) => letters.charAt(k % 26);
    const first15 = `${l(n)}${l(Math.floor(n / 26))}${l(Math.floor(n / 676))}${l(Math.floor(n / 17_576))}XX85T10A${String(100 + (n % 900))}`;
    return first15 + codiceFiscaleCheckChar(first15);
  };
  const scores = ILLUSTRATIVE_FRAGILITY_PROFILE.dimensions.flatMap((d) =>
    d.items.map((i) => ({ item: i.id, score: d.id === "labour" ? 2 : 1 })),
  );
  const cv = {
    languages: [],
    experiences: [],
    drivingLicence: false,
    availability: { fullTime: true, partTime: true, shifts: false, weekends: false },
    desiredSectors: [],
  };
  const exec = async (command) => {
    const r = await insieme.execute(command);
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let commands = 0;
  for (let n = 0; n < count; n++) {
    const id = `cand-${n}`;
    const co = `co-${n % COMPANIES}`;
    const at = (day) =>
      `2018-${String(3 + Math.floor(day / 28)).padStart(2, "0")}-${String(1 + (day % 28)).padStart(2, "0")}T09:00:00Z`;
    const c = (type, data, day) => ({
      commandId: `${id}-${type}`,
      type,
      occurredAt: at(day),
      actor,
      data,
    });
    await exec(
      c(
        "SubmitApplication",
        {
          candidateId: id,
          channel: "desk",
          referrer: "self",
          birthYear: 1980,
          gender: "male",
          educationLevel: "upper_secondary",
          citizenship: "italian",
          residence: { municipalityIstat: "037032", quartiere: null },
          unemploymentDuration: "over_24_months",
          economicCondition: "isee_0_6k",
          personal: {
            givenName: "Nome",
            familyName: "Cognome",
            codiceFiscale: cf(n),
            email: null,
            phone: null,
          },
        },
        0,
      ),
    );
    await exec(c("ScreenCandidate", { candidateId: id, inOtherActiveMeasure: false, scores }, 5));
    await exec(
      c(
        "RecordFirstInterview",
        { candidateId: id, outcome: "immediately_placeable", transversalSkills: [], cv },
        10,
      ),
    );
    await exec(
      c("ProposePlacement", { candidateId: id, proposalId: "p", companyId: co, opportunityId: null }, 12),
    );
    await exec(
      c(
        "StartInternship",
        {
          candidateId: id,
          internshipId: "t",
          proposalId: "p",
          startDate: "2018-04-01",
          plannedEndDate: "2018-06-30",
          allowanceCents: 100,
          source: "comune_bologna",
        },
        20,
      ),
    );
    await exec(
      c("EndInternship", { candidateId: id, internshipId: "t", reason: "hired", unusedCents: 0 }, 60),
    );
    await exec(
      c(
        "RecordHiring",
        { candidateId: id, companyId: co, proposalId: "p", internshipId: "t", contractType: "fixed_term" },
        61,
      ),
    );
    await exec(c("CloseCase", { candidateId: id, reason: "autonomy" }, 200));
    commands += 8;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { commands, ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000 };
};
await run(20_000, 0);
const { ms, cpuMs } = await run(COMMANDS, 20_000);
// CPU time is reported too: on a shared machine wall time also measures the neighbours.
console.log(
  `${COMMANDS} DeclareCompanyNeeds commands over ${COMPANIES} company streams: ${ms.toFixed(0)} ms wall, ` +
    `${Math.round((COMMANDS / ms) * 1000)} commands/s; ${cpuMs.toFixed(0)} ms CPU, ${Math.round((COMMANDS / cpuMs) * 1000)} commands per CPU-second`,
);
await insieme.execute({
  commandId: "budget",
  type: "AllocateBudget",
  occurredAt,
  actor: { id: "ref", role: "technical_referent" },
  data: { year: 2018, source: "comune_bologna", amountCents: 250_000_000 },
});
const mix = await paths(Math.max(1, Math.round(COMMANDS / 40)));
console.log(
  `${mix.commands} commands in whole candidate paths (application with sealing and HMAC, screening, interview, proposal, internship with fund commitment, hiring, closing): ` +
    `${mix.ms.toFixed(0)} ms wall, ${Math.round((mix.commands / mix.ms) * 1000)} commands/s; ${Math.round((mix.commands / mix.cpuMs) * 1000)} commands per CPU-second`,
);
