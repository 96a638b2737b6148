import type { EventStore } from "@insieme/kernel";
import { describe, it } from "vitest";
import { appendCases } from "./cases/append.js";
import { concurrencyCases } from "./cases/concurrency.js";
import { importHistoryCases } from "./cases/import-history.js";
import { interleavingCases } from "./cases/interleavings.js";
import { largeStreamCases } from "./cases/large-stream.js";
import { metadataAndDeletionCases } from "./cases/metadata-and-deletion.js";
import { readAllCases } from "./cases/read-all.js";
import { readStreamCases } from "./cases/read-stream.js";
import { subscriptionCases } from "./cases/subscriptions.js";
import type { ContractCase, ContractOptions } from "./contract-case.js";

/** Every rule of the store contract, in the order they are registered. */
export const contractCases: readonly ContractCase[] = [
  ...appendCases,
  ...readStreamCases,
  ...readAllCases,
  ...subscriptionCases,
  ...metadataAndDeletionCases,
  ...concurrencyCases,
  ...importHistoryCases,
  ...interleavingCases,
  ...largeStreamCases,
];

export const contractDefaults: Required<ContractOptions> = {
  largeStreamSize: 100_000,
  concurrentWriters: 16,
  propertyRuns: 25,
  shrinkFailures: true,
};

/** Runs one contract case outside a test runner (used to prove the suite catches a broken store). */
export const runContractCase = (
  contractCase: ContractCase,
  makeStore: () => Promise<EventStore>,
  options: ContractOptions = {},
): Promise<void> => contractCase.run(makeStore, { ...contractDefaults, ...options });

/**
 * Registers the whole store contract as vitest tests. `makeStore` returns a store for one case; the suite closes it.
 * Stores may share data between cases (a real server): every case works on streams of its own.
 */
export const eventStoreContract = (
  name: string,
  makeStore: () => Promise<EventStore>,
  options: ContractOptions = {},
): void => {
  const resolved = { ...contractDefaults, ...options };
  describe(`event store contract: ${name}`, () => {
    const groups = [...new Set(contractCases.map((c) => c.group))];
    for (const group of groups) {
      describe(group, () => {
        for (const contractCase of contractCases.filter((c) => c.group === group)) {
          it(contractCase.name, () => contractCase.run(makeStore, resolved), 120_000);
        }
      });
    }
  });
};
