import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryPersonalDataVault } from "@insieme/domain";
import type { EventStore } from "@insieme/kernel";
import { type EventSource, journalSource, storeSource } from "../../src/event-source.js";
import { buildCaseService, type CaseService } from "../../src/server.js";

export interface Running {
  readonly service: CaseService;
  readonly url: string;
  readonly journal: string;
  stop(): Promise<void>;
}

/** Starts the service on 127.0.0.1 with an ephemeral port, on a fresh journal in a temporary directory (or `store`). */
export const startService = async (
  options: {
    readonly store?: EventStore;
    readonly journal?: string;
    readonly catchUpTimeoutMs?: number;
  } = {},
): Promise<Running> => {
  const dir = await mkdtemp(join(tmpdir(), "insieme-case-service-"));
  const journal = options.journal ?? join(dir, "journal");
  const source: EventSource =
    options.store === undefined ? await journalSource(journal) : storeSource(options.store);
  const service = await buildCaseService({
    source,
    vault: new InMemoryPersonalDataVault(),
    personKey: new Uint8Array(32).fill(11),
    ...(options.catchUpTimeoutMs === undefined ? {} : { catchUpTimeoutMs: options.catchUpTimeoutMs }),
  });
  const url = await service.listen("127.0.0.1", 0);
  return {
    service,
    url,
    journal,
    stop: async () => {
      await service.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

export const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

export const asViewer = (id: string, role: string, companyId?: string): Record<string, string> => ({
  "x-insieme-actor": id,
  "x-insieme-role": role,
  ...(companyId === undefined ? {} : { "x-insieme-company": companyId }),
});
