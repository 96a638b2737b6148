import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@insieme/cli";
import { manualClock } from "@insieme/kernel";
import { afterEach, describe, expect, it } from "vitest";
import { joinBoard, submitApplication } from "./support/commands.js";
import { type Running, startService } from "./support/http.js";

let running: Running | undefined;
let dir: string | undefined;
afterEach(async () => {
  await running?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  running = undefined;
  dir = undefined;
});

describe("the service's report", () => {
  it("is byte for byte what `insieme report --format json` writes for the same journal and release or window", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-same-report-"));
    const journal = join(dir, "journal");
    // Recorded on their dates, so that the release of 2018-Q1 (as of 15 April 2018) holds them.
    const clock = manualClock("2018-01-01T00:00:00Z");
    running = await startService({ journal, clock });
    for (let n = 1; n <= 3; n++) {
      clock.set(`2018-01-1${n}T09:00:00Z`);
      await running.send(joinBoard(n, "confindustria", `2018-01-1${n}T09:00:00Z`));
    }
    for (let n = 1; n <= 4; n++) {
      clock.set(`2018-01-2${n}T09:00:00Z`);
      await running.send(submitApplication(n, `2018-01-2${n}T09:00:00Z`));
    }
    clock.set("2018-05-01T00:00:00Z");
    const auditor = { headers: await running.as({ id: "aud-1", role: "auditor" }) };

    for (const [query, options] of [
      ["?release=2018-Q1", ["--release", "2018-Q1"]],
      ["?from=2018-01-01&to=2018-03-31", ["--from", "2018-01-01", "--to", "2018-03-31"]],
      [
        "?raw=true&from=2018-01-01&to=2018-01-22&asOf=2018-01-23",
        ["--raw", "--from", "2018-01-01", "--to", "2018-01-22", "--as-of", "2018-01-23"],
      ],
    ] as const) {
      const response = await fetch(`${running.url}/report${query}`, auditor);
      expect(response.status, query).toBe(200);
      const served = await response.text();
      const out = join(dir, "cli.json");
      const code = await runCli(
        [
          "report",
          "--journal",
          journal,
          "--config",
          "illustrative",
          "--format",
          "json",
          "--out",
          out,
          ...options,
        ],
        {
          stdout: () => {},
          stderr: () => {},
        },
      );
      expect(code).toBe(0);
      expect(served).toBe(await readFile(out, "utf8"));
    }
  });
});
