import { describe, expect, it } from "vitest";
import { parseAuditArguments, UsageError } from "../src/arguments.js";

describe("the audit's arguments", () => {
  it("resolves relative paths from the caller's directory", () => {
    expect(
      parseAuditArguments(
        ["--journal", "j", "--report", "/data/r.json", "--config", "c.json"],
        "/home/auditor",
      ),
    ).toEqual({
      journal: "/home/auditor/j",
      report: "/data/r.json",
      config: "/home/auditor/c.json",
    });
    expect(
      parseAuditArguments(["--journal", "j", "--report", "r", "--config", "illustrative"], "/").config,
    ).toBe("illustrative");
  });

  it("says what is missing or unknown, with the usage", () => {
    expect(() => parseAuditArguments(["--journal", "j"], "/")).toThrow(
      /--report is required; --config is required\nusage: audit/,
    );
    expect(() =>
      parseAuditArguments(["--journal", "j", "--report", "r", "--config", "c", "--fast"], "/"),
    ).toThrow(UsageError);
    expect(() => parseAuditArguments(["--journal", "", "--report", "r", "--config", "c"], "/")).toThrow(
      /--journal must not be empty/,
    );
  });
});
