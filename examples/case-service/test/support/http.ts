import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
  type ProgrammeConfiguration,
} from "@insieme/domain";
import type { Clock, EventStore } from "@insieme/kernel";
import type { Authenticator } from "../../src/authenticator.js";
import type { ServiceLimits } from "../../src/config.js";
import { type EventSource, journalSource, storeSource } from "../../src/event-source.js";
import { buildCaseService, type CaseService } from "../../src/server.js";
import { operator } from "./commands.js";
import { authenticatorFor, bearer, type Issuer, newIssuer, tokenFor } from "./tokens.js";

export interface Running {
  readonly service: CaseService;
  readonly url: string;
  readonly journal: string;
  /** The identity provider whose tokens the service accepts (absent in the local mode). */
  readonly issuer: Issuer | null;
  /** `POST /commands` with `body`, sent with a valid token of `actor` (default: the operator `op-1`). */
  send(
    body: unknown,
    actor?: { readonly id: string; readonly role: string; readonly companyId?: string },
  ): Promise<Response>;
  /** `authorization` headers of a valid token for `actor`. */
  as(actor: {
    readonly id: string;
    readonly role: string;
    readonly companyId?: string;
  }): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Starts the service on 127.0.0.1 with an ephemeral port, on a fresh journal in a temporary directory (or `store`). */
export const startService = async (
  options: {
    readonly store?: EventStore;
    readonly journal?: string;
    readonly catchUpTimeoutMs?: number;
    /** false: the local mode without a verifying key. */
    readonly auth?: boolean;
    readonly limits?: Partial<ServiceLimits>;
    readonly configuration?: ProgrammeConfiguration;
    /** The journal's recording clock and the service's (which periods are released); default: the system's. */
    readonly clock?: Clock;
  } = {},
): Promise<Running> => {
  const issuer = options.auth === false ? null : await newIssuer();
  const authenticator: Authenticator | undefined =
    issuer === null ? undefined : await authenticatorFor(issuer);
  const dir = await mkdtemp(join(tmpdir(), "insieme-case-service-"));
  const journal = options.journal ?? join(dir, "journal");
  const source: EventSource =
    options.store === undefined
      ? await journalSource(journal, undefined, options.clock)
      : storeSource(options.store);
  const service = await buildCaseService({
    configuration: options.configuration ?? ILLUSTRATIVE_CONFIGURATION,
    source,
    vault: new InMemoryPersonalDataVault(),
    personKey: new Uint8Array(32).fill(11),
    ...(options.catchUpTimeoutMs === undefined ? {} : { catchUpTimeoutMs: options.catchUpTimeoutMs }),
    ...(authenticator === undefined ? {} : { authenticator }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const url = await service.listen("127.0.0.1", 0);
  return {
    service,
    url,
    journal,
    issuer,
    as: async (actor) => {
      if (issuer === null) throw new Error("the service runs without authentication");
      return bearer(await tokenFor(issuer, actor));
    },
    send: async (body, actor = operator) => {
      const headers = issuer === null ? {} : bearer(await tokenFor(issuer, actor));
      return post(`${url}/commands`, body, headers);
    },
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
