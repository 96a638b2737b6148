import type { EventStore } from "@insieme/kernel";

export interface ContractOptions {
  /** Events in the large-stream case (default 100,000). */
  readonly largeStreamSize?: number;
  /** Concurrent appenders in the concurrency cases (default 16). */
  readonly concurrentWriters?: number;
  /** fast-check runs of the random-interleaving property (default 25). */
  readonly propertyRuns?: number;
  /** Shrink a failing property to a minimal counterexample (default true; slow against a badly broken store). */
  readonly shrinkFailures?: boolean;
}

/** One rule of the store contract: runs against a fresh store and throws a ContractViolation when broken. */
export interface ContractCase {
  readonly group: string;
  readonly name: string;
  readonly run: (makeStore: () => Promise<EventStore>, options: Required<ContractOptions>) => Promise<void>;
}

export const withStore = async (
  makeStore: () => Promise<EventStore>,
  body: (store: EventStore) => Promise<void>,
) => {
  const store = await makeStore();
  try {
    await body(store);
  } finally {
    await store.close();
  }
};
