import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, configFromEnv, DEFAULT_LIMITS } from "../src/config.js";
import { eventStoreDbSource, journalSource } from "../src/event-source.js";
import { loadOrCreatePersonKey, openPersonKeyWith } from "../src/person-key.js";

describe("configuration", () => {
  it("defaults to the embedded journal under .insieme/ on loopback", () => {
    expect(() => configFromEnv({})).toThrow(/INSIEME_CONFIG: is required/);
    expect(configFromEnv({ INSIEME_CONFIG: "illustrative" })).toEqual({
      host: "127.0.0.1",
      port: 3000,
      journal: ".insieme/case-service-journal",
      configuration: "illustrative",
      eventStoreDbUrl: null,
      postgresUrl: null,
      programme: null,
      eventsInPostgres: false,
      worklistsFile: ".insieme/case-service-journal.worklists/worklists.db",
      keysDir: ".insieme/case-service-journal.keys",
      auth: null,
      limits: DEFAULT_LIMITS,
    });
    expect(
      configFromEnv({
        INSIEME_CONFIG: "programme.json",
        INSIEME_JOURNAL: "/data/j",
        INSIEME_EVENTSTOREDB_URL: "esdb://db:2113",
      }),
    ).toMatchObject({
      journal: "/data/j",
      configuration: "programme.json",
      eventStoreDbUrl: "esdb://db:2113",
    });
  });

  it("reads the verifying key, issuer, audience and limits", () => {
    const config = configFromEnv(
      {
        INSIEME_CONFIG: "conf/programme.json",
        INSIEME_AUTH_PUBLIC_KEY: "keys/auth.pem",
        INSIEME_AUTH_ISSUER: "https://id.example",
        INSIEME_AUTH_AUDIENCE: "insieme",
        INSIEME_MAX_EVENT_STREAMS: "10",
        INSIEME_MAX_EVENT_STREAMS_PER_CALLER: "2",
        INSIEME_REQUEST_TIMEOUT_MS: "5000",
      },
      "/srv",
    );
    expect(config.configuration).toBe("/srv/conf/programme.json");
    expect(config.auth).toEqual({
      publicKeyFile: "/srv/keys/auth.pem",
      issuer: "https://id.example",
      audience: "insieme",
    });
    expect(config.limits).toMatchObject({
      maxEventStreams: 10,
      maxEventStreamsPerCaller: 2,
      requestTimeoutMs: 5000,
    });
    expect(() => configFromEnv({ INSIEME_CONFIG: "illustrative", INSIEME_AUTH_AUDIENCE: "insieme" })).toThrow(
      /INSIEME_AUTH_AUDIENCE is set but INSIEME_AUTH_PUBLIC_KEY is not/,
    );
    expect(() => configFromEnv({ INSIEME_MAX_EVENT_STREAMS: "0" })).toThrow(/INSIEME_MAX_EVENT_STREAMS/);
  });

  it("names the variable at fault", () => {
    expect(() => configFromEnv({ INSIEME_CONFIG: "illustrative", INSIEME_PORT: "http" })).toThrow(
      /INSIEME_PORT: must be a whole number/,
    );
    expect(() => configFromEnv({ INSIEME_PORT: "70000" })).toThrow(ConfigError);
  });

  it("refuses a connection string that is not esdb://, naming the variable", async () => {
    await expect(eventStoreDbSource("http://db:2113")).rejects.toThrow(
      /INSIEME_EVENTSTOREDB_URL: must be an esdb:\/\//,
    );
  });

  it("creates the person key once, readable by its owner only, and reads it back", async () => {
    const dir = await mkdtemp(join(tmpdir(), "insieme-key-"));
    try {
      const path = join(dir, "sub", "person.key");
      const created = await loadOrCreatePersonKey(path);
      expect(created.length).toBe(32);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(Buffer.from(await loadOrCreatePersonKey(path)).equals(Buffer.from(created))).toBe(true);
      expect((await readFile(path, "utf8")).trim()).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("opens its journal with the person key's fingerprint and refuses a journal made with another key", async () => {
    const dir = await mkdtemp(join(tmpdir(), "insieme-key-journal-"));
    try {
      const journal = join(dir, "journal");
      const keyFile = join(dir, "keys", "person-hmac.key");
      const first = await openPersonKeyWith(keyFile, (fingerprint) => journalSource(journal, fingerprint));
      await first.store.close();
      const header = JSON.parse(
        (await readFile(join(journal, "journal.ndjson"), "utf8")).split("\n")[0] ?? "{}",
      );
      expect(header.keyFingerprint).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
      // Another key in its place: the service does not start on this journal.
      await writeFile(keyFile, `${"ef".repeat(32)}\n`, { mode: 0o600 });
      await expect(
        openPersonKeyWith(keyFile, (fingerprint) => journalSource(journal, fingerprint)),
      ).rejects.toThrow(/was created with another key/);
      // No key at all in another keys directory: refused too, and no key file is left there.
      const elsewhere = join(dir, "elsewhere", "person-hmac.key");
      await expect(
        openPersonKeyWith(elsewhere, (fingerprint) => journalSource(journal, fingerprint)),
      ).rejects.toThrow(ConfigError);
      await expect(stat(elsewhere)).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
