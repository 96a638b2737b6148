import { connectEventStoreDb } from "@insieme/eventstoredb";
import { chainHashAt, openJournal } from "@insieme/journal";
import { type Clock, type EventStore, NamespacedEventStore, NamespacesUnsupported } from "@insieme/kernel";
import { connectPostgresEventStore, type PostgresEventStore } from "@insieme/postgres";
import * as E from "fp-ts/lib/Either.js";
import { ConfigError } from "./config.js";

/** The store the service writes to, with what a report's provenance says about it. */
export interface EventSource {
  readonly store: EventStore;
  readonly kind: string;
  /** As configured (never a credential): the same journal gives the same provenance on every machine. */
  readonly location: string;
  /** For a hash-chained journal only: the chain hash of the record at `position` (`chainHashAt` of @insieme/journal). */
  readonly chainHashAt?: (position: number | null) => Promise<string | null>;
  close(): Promise<void>;
}

/**
 * Opens (creating when missing) the embedded journal at `path`, taking its writer lock; `keyFingerprint` is the
 * person key's (a journal of another key is refused); `clock` stamps the records' `recordedAt` (default: the
 * system clock; tests pass their own).
 */
export const journalSource = async (
  path: string,
  keyFingerprint?: string,
  clock?: Clock,
): Promise<EventSource> => {
  const opened = await openJournal(path, {
    create: true,
    ...(keyFingerprint === undefined ? {} : { keyFingerprint }),
    ...(clock === undefined ? {} : { clock }),
  });
  if (E.isLeft(opened)) throw new ConfigError(opened.left.message);
  const journal = opened.right;
  return {
    store: journal,
    kind: "journal",
    location: path,
    chainHashAt: chainHashAt(journal),
    close: () => journal.close(),
  };
};

/** Connects to EventStoreDB; a wrong string or an unreachable server is a ConfigError with the reason. */
export const eventStoreDbSource = async (connectionString: string): Promise<EventSource> => {
  const connected = await connectEventStoreDb(connectionString);
  if (E.isLeft(connected)) {
    throw new ConfigError(`INSIEME_EVENTSTOREDB_URL: ${connected.left.message}`);
  }
  const store = connected.right;
  return {
    store,
    kind: "eventstoredb",
    location: store.describe().location,
    close: () => store.close(),
  };
};

/** An already open store (tests, or a host embedding the service). */
export const storeSource = (store: EventStore): EventSource => ({
  store,
  kind: store.describe().kind,
  location: store.describe().location,
  close: () => store.close(),
});

/** Connects to the PostgreSQL event store (`@insieme/postgres`); a failure is a ConfigError naming the server. */
export const postgresSource = async (url: string): Promise<EventSource & { store: PostgresEventStore }> => {
  const connected = await connectPostgresEventStore({ url });
  if (E.isLeft(connected)) throw new ConfigError(`INSIEME_POSTGRES_URL: ${connected.left.message}`);
  const store = connected.right;
  return { store, kind: "postgres", location: store.describe().location, close: () => store.close() };
};

/**
 * One programme's view of a store several programmes share (`INSIEME_PROGRAMME`): its streams only, read through
 * the store's index of the programme. The journal's chain certifies the whole journal, so a programme's
 * report cites none (it cites the hash of the events it replayed).
 */
export const programmeSource = (source: EventSource, programme: string | null): EventSource => {
  if (programme === null) return source;
  try {
    const store = new NamespacedEventStore(source.store, programme);
    return {
      store,
      kind: source.kind,
      location: `${source.location}#${programme}`,
      close: () => source.close(),
    };
  } catch (error) {
    if (error instanceof NamespacesUnsupported) throw new ConfigError(`INSIEME_PROGRAMME: ${error.message}`);
    throw error;
  }
};
