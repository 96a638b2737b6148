import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@insieme/cli";
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
  it("is byte for byte what `insieme report --format json` writes for the same journal and window", async () => {
    dir = await mkdtemp(join(tmpdir(), "insieme-same-report-"));
    const journal = join(dir, "journal");
    running = await startService({ journal });
    for (let n = 1; n <= 3; n++) await running.send(joinBoard(n, "confindustria", `2018-01-1${n}T09:00:00Z`));
    for (let n = 1; n <= 4; n++) await running.send(submitApplication(n, `2018-01-2${n}T09:00:00Z`));

    for (const [query, options] of [
      ["", []],
      [
        "?from=2018-01-01&to=2018-01-22&minCell=4",
        ["--from", "2018-01-01", "--to", "2018-01-22", "--min-cell", "4"],
      ],
    ] as const) {
      const served = await (await fetch(`${running.url}/report${query}`)).text();
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
