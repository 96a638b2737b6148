import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ILLUSTRATIVE_CONFIGURATION, InMemoryPersonalDataVault } from "@insieme/domain";
import { InMemoryEventStore } from "@insieme/kernel";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { loadAuthenticator } from "../src/authenticator.js";
import { ConfigError } from "../src/config.js";
import { storeSource } from "../src/event-source.js";
import { isLoopbackHost } from "../src/loopback.js";
import { buildCaseService } from "../src/server.js";
import { joinBoard, operator, proposePlacement, referent, submitApplication } from "./support/commands.js";
import { post, type Running, startService } from "./support/http.js";
import { AUDIENCE, authenticatorFor, bearer, ISSUER, newIssuer, tokenFor } from "./support/tokens.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const auditor = { id: "aud-1", role: "auditor" } as const;
const company1 = { id: "user-co-1", role: "company", companyId: "co-1" } as const;
const company2 = { id: "user-co-2", role: "company", companyId: "co-2" } as const;

/** Every protected route, as an attacker would call it with the headers given. */
const protectedCalls = (url: string) => [
  (h: Record<string, string>) => post(`${url}/commands`, joinBoard(50, "direct", "2018-01-10T09:00:00Z"), h),
  (h: Record<string, string>) => fetch(`${url}/candidates/cand-1`, { headers: h }),
  (h: Record<string, string>) => fetch(`${url}/report?raw=true`, { headers: h }),
  (h: Record<string, string>) => fetch(`${url}/persons/person-1/history`, { headers: h }),
  (h: Record<string, string>) => post(`${url}/persons/lookup`, { codiceFiscale: "RSSMRA85T10A562S" }, h),
];

describe("bearer tokens (attacker's tests)", () => {
  it("accepts EdDSA, ES256 and RS256 keys, each verifying only its own algorithm", async () => {
    for (const algorithm of ["EdDSA", "ES256", "RS256"] as const) {
      const issuer = await newIssuer(algorithm);
      const auth = await authenticatorFor(issuer);
      const ok = await auth.authenticate(`Bearer ${await tokenFor(issuer, operator)}`);
      expect(ok, algorithm).toEqual({ _tag: "Right", right: operator });
    }
  });

  it("refuses no token, a token of another key, an expired one, a wrong audience or issuer, alg none, and HS256 keyed with the public key", async () => {
    running = await startService();
    const issuer = running.issuer;
    if (issuer === null) throw new Error("expected authentication");
    const other = await newIssuer();
    const publicPem = Buffer.from(await (await import("node:fs/promises")).readFile(issuer.publicKeyFile));
    const forged: Record<string, string>[] = [
      {},
      { authorization: "Basic b3A6b3A=" },
      { authorization: "Bearer not-a-jwt" },
      bearer(await tokenFor(other, operator)),
      bearer(await tokenFor(issuer, operator, { expiresIn: -60 })),
      bearer(await tokenFor(issuer, operator, { audience: "another-service" })),
      bearer(await tokenFor(issuer, operator, { issuer: "https://evil.example" })),
      bearer(await tokenFor(issuer, operator, { noExpiry: true })),
      bearer(
        new UnsecuredJWT({ role: "operator" })
          .setSubject("op-1")
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime("1h")
          .encode(),
      ),
      bearer(
        await new SignJWT({ role: "operator" })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject("op-1")
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime("1h")
          .sign(publicPem),
      ),
      // Claims the domain does not know: a made-up role, a company without its company.
      bearer(await issuer.sign({ role: "mayor" }, { subject: "x" })),
      bearer(await issuer.sign({ role: "company" }, { subject: "user-co-1" })),
      bearer(await issuer.sign({ role: "operator" })),
    ];
    // The unverified identity headers of earlier versions are ignored.
    const claimed = { "x-insieme-actor": "op-1", "x-insieme-role": "operator" };
    let tried = 0;
    for (const headers of forged) {
      for (const call of protectedCalls(running.url)) {
        const response = await call({ ...claimed, ...headers });
        expect(response.status, JSON.stringify(headers)).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="insieme"/);
        tried++;
      }
    }
    expect(tried).toBe(forged.length * protectedCalls(running.url).length);
    // Nothing was written.
    const report = (await (await fetch(`${running.url}/report`)).json()) as {
      provenance: { eventsReplayed: number };
    };
    expect(report.provenance.eventsReplayed).toBe(0);
  });

  it("refuses a body actor other than the token's (403) and fills it in when absent", async () => {
    running = await startService();
    const company = await running.as(company1);
    // A company's token with an operator's body.
    const asOperatorBody = await post(
      `${running.url}/commands`,
      submitApplication(1, "2018-02-01T09:00:00Z"),
      company,
    );
    expect(asOperatorBody.status).toBe(403);
    expect(await asOperatorBody.json()).toMatchObject({ rule: "actor-mismatch" });
    // An operator's token naming another operator, or itself with another role or a company.
    const opHeaders = await running.as(operator);
    for (const actor of [
      { id: "op-2", role: "operator" },
      { id: "op-1", role: "technical_referent" },
      { id: "op-1", role: "operator", companyId: "co-1" },
      "op-1",
    ]) {
      const response = await post(
        `${running.url}/commands`,
        { ...joinBoard(2, "direct", "2018-01-10T09:00:00Z"), actor },
        opHeaders,
      );
      expect(response.status, JSON.stringify(actor)).toBe(403);
    }
    const { actor: _omitted, ...withoutActor } = joinBoard(3, "direct", "2018-01-10T09:00:00Z");
    expect((await post(`${running.url}/commands`, withoutActor, opHeaders)).status).toBe(201);
  });

  it("answers a company 404 for every candidate not proposed to it, the same as for one that does not exist", async () => {
    running = await startService();
    await running.send(joinBoard(1, "direct", "2018-01-10T09:00:00Z"));
    await running.send(joinBoard(2, "direct", "2018-01-10T09:00:00Z"));
    expect((await running.send(submitApplication(7, "2018-02-01T09:00:00Z"))).status).toBe(201);
    expect((await running.send(proposePlacement(7, 2, "2018-03-01T09:00:00Z"))).status).toBeLessThan(500);
    const co1 = await running.as(company1);
    const existing = await fetch(`${running.url}/candidates/cand-7`, { headers: co1 });
    const missing = await fetch(`${running.url}/candidates/cand-8`, { headers: co1 });
    expect(existing.status).toBe(404);
    expect(missing.status).toBe(404);
    const a = (await existing.json()) as Record<string, unknown>;
    const b = (await missing.json()) as Record<string, unknown>;
    expect(a).toEqual({ ...b, message: "no candidate cand-7" });
    expect(b.message).toBe("no candidate cand-8");
    // The company it was proposed to is not told "not found" for a reason other than the CV.
    const co2 = await fetch(`${running.url}/candidates/cand-7`, { headers: await running.as(company2) });
    expect(co2.status).toBe(404);
  });

  it("gives each role only its routes", async () => {
    running = await startService();
    expect((await running.send(submitApplication(1, "2018-02-01T09:00:00Z"))).status).toBe(201);
    const expectations: [{ id: string; role: string; companyId?: string }, number, number, number][] = [
      // actor, POST /commands (JoinBoard), GET /candidates/cand-1, GET /report?raw
      [operator, 201, 200, 403],
      [referent, 201, 200, 200],
      [auditor, 403, 200, 200],
      [company1, 403, 404, 403],
    ];
    let n = 10;
    for (const [actor, command, candidate, raw] of expectations) {
      const headers = await running.as(actor);
      const body = { ...joinBoard(n++, "direct", "2018-01-10T09:00:00Z"), actor };
      expect((await post(`${running.url}/commands`, body, headers)).status, actor.role).toBe(command);
      expect((await fetch(`${running.url}/candidates/cand-1`, { headers })).status, actor.role).toBe(
        candidate,
      );
      expect((await fetch(`${running.url}/report?raw=true`, { headers })).status, actor.role).toBe(raw);
      // The published report and the dashboard are public.
      expect((await fetch(`${running.url}/report`)).status).toBe(200);
      expect((await fetch(`${running.url}/dashboard/`)).status).toBe(200);
    }
  });

  it("refuses a private key, a small RSA key or a missing file as the verifying key", async () => {
    const dir = (await newIssuer()).publicKeyFile.replace(/auth-public\.pem$/, "");
    const ed = generateKeyPairSync("ed25519");
    const privateFile = join(dir, "private.pem");
    await writeFile(privateFile, ed.privateKey.export({ type: "pkcs8", format: "pem" }));
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const smallFile = join(dir, "small.pem");
    await writeFile(smallFile, small.publicKey.export({ type: "spki", format: "pem" }));
    for (const publicKeyFile of [privateFile, smallFile, join(dir, "missing.pem")]) {
      await expect(loadAuthenticator({ publicKeyFile, issuer: null, audience: null })).rejects.toThrow(
        ConfigError,
      );
    }
  });
});

describe("the local mode (no verifying key)", () => {
  it("serves the published report and the dashboard, and answers 401 to every protected route whatever is claimed", async () => {
    running = await startService({ auth: false });
    const other = await newIssuer();
    for (const headers of [
      {},
      { "x-insieme-actor": "op-1", "x-insieme-role": "operator" },
      bearer(await tokenFor(other, operator)),
    ]) {
      for (const call of protectedCalls(running.url)) {
        const response = await call(headers);
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ error: "authentication-not-configured" });
      }
    }
    expect((await fetch(`${running.url}/report`)).status).toBe(200);
    expect((await fetch(`${running.url}/dashboard/`)).status).toBe(200);
  });

  it("refuses to listen on a non-loopback address", async () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"].every(isLoopbackHost)).toBe(true);
    expect(
      ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "::ffff:10.0.0.1"].some(isLoopbackHost),
    ).toBe(false);
    const service = await buildCaseService({
      configuration: ILLUSTRATIVE_CONFIGURATION,
      source: storeSource(new InMemoryEventStore()),
      vault: new InMemoryPersonalDataVault(),
      personKey: new Uint8Array(32).fill(3),
    });
    try {
      await expect(service.listen("0.0.0.0", 0)).rejects.toThrow(/without authentication/);
    } finally {
      await service.close();
    }
  });
});

describe("limits", () => {
  it("bounds event streams per caller and in all (429)", async () => {
    running = await startService({ limits: { maxEventStreams: 3, maxEventStreamsPerCaller: 2 } });
    const abort = new AbortController();
    const open = async (headers: Record<string, string> = {}) =>
      fetch(`${running?.url}/events`, { headers, signal: abort.signal });
    try {
      expect((await open()).status).toBe(200);
      expect((await open()).status).toBe(200);
      const third = await open();
      expect(third.status).toBe(429);
      expect(await third.json()).toMatchObject({ error: "too-many-event-streams" });
      // Another caller (a token's subject) still gets one, then the service is full for everybody.
      expect((await open(await running.as(referent))).status).toBe(200);
      expect((await open(await running.as(auditor))).status).toBe(429);
    } finally {
      abort.abort();
    }
  });

  it("answers 503 to a request whose handler outlives the request timeout", async () => {
    const memory = new InMemoryEventStore();
    // A store whose replay never ends.
    const stuck = new Proxy(memory, {
      get(target, property, receiver) {
        if (property === "readAll")
          return () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) });
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    running = await startService({ store: stuck, limits: { requestTimeoutMs: 300 } });
    const response = await fetch(`${running.url}/report?release=2018-Q1`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "timeout" });
  });

  it("replays an as-of report once per past instant and serves the same bytes again", async () => {
    const memory = new InMemoryEventStore();
    let replays = 0;
    const counting = new Proxy(memory, {
      get(target, property, receiver) {
        if (property === "readAll") {
          return (...args: Parameters<InMemoryEventStore["readAll"]>) => {
            replays++;
            return target.readAll(...args);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    running = await startService({ store: counting });
    for (let n = 1; n <= 3; n++) await running.send(joinBoard(n, "direct", "2018-01-10T09:00:00Z"));
    // Only the reports' replays are counted (the command index reads the log once, at the first command).
    replays = 0;
    const past = `${running.url}/report?release=2019-Q4`;
    const a = await (await fetch(past)).text();
    const b = await (await fetch(past)).text();
    expect(a).toBe(b);
    // One replay reads the log once (corrections are counted where they stand in it).
    expect(replays).toBe(1);
    // An instant still to come (asked for in the raw report) is never kept: what is recorded until then may change.
    const auditor = { headers: await running.as({ id: "aud-1", role: "auditor" }) };
    expect((await fetch(`${running.url}/report?raw=true&asOf=2999-01-01`, auditor)).status).toBe(200);
    await fetch(`${running.url}/report?raw=true&asOf=2999-01-01`, auditor);
    expect(replays).toBe(3);
  });
});

describe("local tokens (src/dev-token.ts)", () => {
  it("signs with an openssl-style PEM private key a token the service accepts, and nothing else", async () => {
    const { signDevToken } = await import("../src/dev-token.js");
    const pair = generateKeyPairSync("ed25519");
    const dir = (await newIssuer()).publicKeyFile.replace(/auth-public\.pem$/, "");
    const publicKeyFile = join(dir, "local-public.pem");
    await writeFile(publicKeyFile, pair.publicKey.export({ type: "spki", format: "pem" }));
    const auth = await loadAuthenticator({ publicKeyFile, issuer: "local", audience: "insieme" });
    const privatePem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const token = await signDevToken(privatePem, { actor: company1, issuer: "local", audience: "insieme" });
    expect(await auth.authenticate(`Bearer ${token}`)).toEqual({ _tag: "Right", right: company1 });
    await expect(signDevToken(privatePem, { actor: { id: "x", role: "company" } })).rejects.toThrow(
      /companyId/,
    );
    await expect(signDevToken(privatePem, { actor: operator, ttlSeconds: 10 * 86_400 })).rejects.toThrow(
      /ttlSeconds/,
    );
  });
});
