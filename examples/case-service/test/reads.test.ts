import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryEventStore, manualClock } from "@insieme/kernel";
import { afterEach, describe, expect, it } from "vitest";
import { joinBoard, submitApplication } from "./support/commands.js";
import { type Running, startService } from "./support/http.js";

interface ReportJson {
  provenance: {
    lastPosition: number | null;
    eventsReplayed: number;
    journalHash: { kind: string; value: string };
    window: { from: string | null; to: string | null; asOf: string | null };
    disclosure: { mode: string; minCell: number | null };
  };
  statistics: {
    id: string;
    tables: { key: string; totals: { cells: unknown[] } | null; rows: { key: string; cells: unknown[] }[] }[];
  }[];
}

const companiesInBoard = (report: ReportJson): unknown => {
  const companies = report.statistics.find((s) => s.id === "companies");
  const table = companies?.tables[0];
  return table?.totals?.cells[0] ?? table?.rows.at(-1)?.cells[0];
};

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("GET /candidates/:id", () => {
  it("shows the case to an operator, a pseudonymous view to an auditor, nothing to a company it was not proposed to", async () => {
    running = await startService();
    expect((await running.send(submitApplication(1, "2018-02-01T09:00:00Z"))).status).toBe(201);
    const url = `${running.url}/candidates/cand-1`;

    const asOperator = await fetch(url, { headers: await running.as({ id: "op-1", role: "operator" }) });
    expect(asOperator.status).toBe(200);
    const caseView = (await asOperator.json()) as {
      view: string;
      personal: { erased: boolean; value: { familyName: string } };
    };
    expect(caseView.view).toBe("case");
    expect(caseView.personal).toMatchObject({ erased: false, value: { familyName: "Rossi 1" } });

    const asAuditor = await fetch(url, { headers: await running.as({ id: "aud-1", role: "auditor" }) });
    expect(asAuditor.status).toBe(200);
    const text = await asAuditor.text();
    expect(JSON.parse(text)).toMatchObject({ view: "pseudonymous", candidateId: "cand-1" });
    expect(text).not.toContain("Rossi");

    const asCompany = await fetch(url, {
      headers: await running.as({ id: "user-co-1", role: "company", companyId: "co-1" }),
    });
    expect(asCompany.status).toBe(404);
    expect(await asCompany.json()).toMatchObject({ rule: "candidate-not-found" });
  });

  it("answers 404 for an unknown candidate and 401 without a token", async () => {
    running = await startService();
    const unknown = await fetch(`${running.url}/candidates/nobody`, {
      headers: await running.as({ id: "op-1", role: "operator" }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ rule: "candidate-not-found" });

    const anonymous = await fetch(`${running.url}/candidates/nobody`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});

describe("GET /report", () => {
  it("serves the published report of a released period, as of its release instant, with the journal's chain head", async () => {
    const clock = manualClock("2018-01-01T00:00:00Z");
    running = await startService({ clock });
    for (let n = 1; n <= 4; n++) {
      const day = `2018-01-1${n}T09:00:00Z`;
      clock.set(day);
      expect((await running.send(joinBoard(n, "direct", day))).status).toBe(201);
    }
    clock.set("2018-04-20T00:00:00Z");
    const q1 = {
      from: "2018-01-01",
      to: "2018-03-31",
      asOf: "2018-04-15T23:59:59.999Z",
    };
    // Nothing asked: the latest release (2018-Q1, released on 15 April).
    const report = (await (await fetch(`${running.url}/report`)).json()) as ReportJson;
    expect(report.provenance.window).toEqual(q1);
    expect(report.provenance.disclosure).toMatchObject({ mode: "published", minCell: 3 });
    expect(report.provenance.journalHash.kind).toBe("chain-head");
    expect(report.provenance.eventsReplayed).toBe(4);
    expect(companiesInBoard(report)).toBe(4);
    // The same release by its id, or by its first and last day: the same bytes.
    const bytes = await (await fetch(`${running.url}/report?release=2018-Q1`)).text();
    expect(await (await fetch(`${running.url}/report?from=2018-01-01&to=2018-03-31`)).text()).toBe(bytes);
    expect(JSON.parse(bytes)).toEqual(report);

    const releases = (await (await fetch(`${running.url}/report/releases`)).json()) as {
      calendar: { period: string; minCell: number };
      releases: { id: string; from: string; to: string; releasedAt: string }[];
    };
    expect(releases.calendar).toMatchObject({ period: "quarter", minCell: 3 });
    expect(releases.releases.map((r) => r.id)).toEqual(["2018-Q1", "2017-Q4", "2017-Q3", "2017-Q2"]);
    expect(releases.releases[0]).toEqual({ id: "2018-Q1", from: q1.from, to: q1.to, releasedAt: q1.asOf });
  });

  it("refuses any other published window, as-of or threshold (400), naming the released periods", async () => {
    running = await startService({ clock: manualClock("2018-04-20T00:00:00Z") });
    const cases: [string, string, string][] = [
      ["from=2018-01-01&to=2018-01-31", "window", "is not a period of the release calendar"],
      ["from=2018-01-01", "window", "covers one quarter of the release calendar"],
      ["release=2018-Q1&asOf=2018-04-01", "as-of", "is not the release instant of 2018-Q1"],
      ["asOf=2018-04-14", "as-of", "is not the release instant of 2018-Q1"],
      ["release=2018-Q2", "not-yet-released", "2018-Q2 is released at 2018-07-15T23:59:59.999Z"],
      ["release=2018-05", "release", "a quarter is named like 2017-Q2"],
      ["release=2017-Q1", "window", "the calendar starts on 2017-05-01"],
      ["release=2018-Q1&from=2018-01-01", "window", "a release id names the period"],
      ["release=2018-Q1&minCell=5", "threshold", "uses the release calendar's threshold (3)"],
    ];
    for (const [query, reason, message] of cases) {
      const response = await fetch(`${running.url}/report?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as {
        error: string;
        message: string;
        details: { reason: string; released: string[] };
      };
      expect(body.error, query).toBe("publication-refused");
      expect(body.details.reason, query).toBe(reason);
      expect(body.message, query).toContain(message);
      expect(body.details.released, query).toEqual(["2017-Q2", "2017-Q3", "2017-Q4", "2018-Q1"]);
    }
  });

  it("gives an auditor the raw report for any window and as-of", async () => {
    const clock = manualClock("2018-01-10T09:00:00Z");
    running = await startService({ clock });
    await running.send(joinBoard(1, "direct", "2018-01-10T09:00:00Z"));
    clock.set("2018-01-20T09:00:00Z");
    await running.send(joinBoard(2, "direct", "2018-01-20T09:00:00Z"));
    const raw = await fetch(`${running.url}/report?raw=true&from=2018-01-01&to=2018-01-31&asOf=2018-01-15`, {
      headers: await running.as({ id: "aud-1", role: "auditor" }),
    });
    expect(raw.status).toBe(200);
    const report = (await raw.json()) as ReportJson;
    expect(report.provenance.disclosure.mode).toBe("raw");
    expect(report.provenance.window).toEqual({
      from: "2018-01-01",
      to: "2018-01-31",
      asOf: "2018-01-15T23:59:59.999Z",
    });
    expect(companiesInBoard(report)).toBe(1);
    const named = await fetch(`${running.url}/report?raw=true&release=2018-Q1`, {
      headers: await running.as({ id: "aud-1", role: "auditor" }),
    });
    expect(named.status).toBe(400);
  });

  it("answers 400 naming the query parameter at fault", async () => {
    running = await startService();
    const cases: [string, string][] = [
      ["from=2018-02-01&to=2018-01-01", "query.from"],
      ["minCell=2", "query.minCell"],
      ["asOf=yesterday", "query.asOf"],
      ["colour=red", "query"],
    ];
    for (const [query, path] of cases) {
      const response = await fetch(`${running.url}/report?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { issues: { path: string }[] };
      expect(body.issues[0]?.path, query).toBe(path);
    }
  });

  it("gives the raw report only to a technical referent or an auditor", async () => {
    running = await startService();
    expect((await fetch(`${running.url}/report?raw=true`)).status).toBe(401);
    const asOperator = await fetch(`${running.url}/report?raw=true`, {
      headers: await running.as({ id: "op-1", role: "operator" }),
    });
    expect(asOperator.status).toBe(403);
    expect(await asOperator.json()).toMatchObject({ rule: "raw-report-restricted" });
    const asAuditor = await fetch(`${running.url}/report?raw=true`, {
      headers: await running.as({ id: "aud-1", role: "auditor" }),
    });
    expect(asAuditor.status).toBe(200);
    expect(((await asAuditor.json()) as ReportJson).provenance.disclosure.mode).toBe("raw");
  });

  it("answers 503 rather than hang when the statistics cannot reach the store's head in time", async () => {
    const memory = new InMemoryEventStore();
    // A store that claims an event its log does not deliver.
    const ahead = new Proxy(memory, {
      get(target, property, receiver) {
        if (property === "headPosition") return async () => 99;
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    running = await startService({ store: ahead, catchUpTimeoutMs: 50 });
    // The raw report without as-of comes from the live statistics, which wait for the store's head.
    const response = await fetch(`${running.url}/report?raw=true`, {
      headers: await running.as({ id: "aud-1", role: "auditor" }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toMatchObject({ error: "catching-up" });
  });

  it("reopens the same journal after a restart and reports the same bytes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "insieme-restart-"));
    try {
      const journal = join(dir, "journal");
      const first = await startService({ journal });
      await first.send(joinBoard(1, "legacoop", "2018-01-10T09:00:00Z"));
      const before = await (await fetch(`${first.url}/report`)).text();
      await first.stop();
      running = await startService({ journal });
      expect(await (await fetch(`${running.url}/report`)).text()).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("GET /events", () => {
  it("notifies a subscriber when new events are recorded", async () => {
    running = await startService();
    const abort = new AbortController();
    const response = await fetch(`${running.url}/events`, { signal: abort.signal });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    const until = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended before ${pattern}`);
        received += decoder.decode(chunk.value, { stream: true });
      }
    };
    await until(/event: ready\ndata: \{"position":null\}/);
    expect((await running.send(joinBoard(9, "cna", "2018-01-10T09:00:00Z"))).status).toBe(201);
    await until(/event: recorded\ndata: \{"position":0\}/);
    abort.abort();
  });
});
