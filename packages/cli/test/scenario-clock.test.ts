import { manualClock } from "@insieme/kernel";
import { describe, expect, it } from "vitest";
import { alongTheirDates } from "../src/scenario-clock.js";

const line = (id: string, occurredAt?: string) =>
  JSON.stringify({ commandId: id, ...(occurredAt === undefined ? {} : { occurredAt }) });

/** The lines sent and the clock's reading as each one is sent. */
const send = async (lines: string[], reorder: boolean) => {
  const clock = manualClock("1970-01-01T00:00:00.000Z");
  const sent: [string, string][] = [];
  for await (const l of alongTheirDates(lines, clock, reorder)) {
    sent.push([(JSON.parse(l) as { commandId: string }).commandId, clock.now()]);
  }
  return { sent, now: clock.now() };
};

describe("the scenario clock", () => {
  const lines = [
    line("budget-2019", "2019-01-01T09:00:00Z"),
    line("join", "2017-03-01T09:00:00Z"),
    line("apply", "2017-05-02T09:00:00Z"),
    line("undated"),
    line("same-day", "2017-05-02T09:00:00Z"),
  ];

  it("sends a scenario in the order of its dates, each command recorded on its date; now is the last one", async () => {
    const { sent, now } = await send(lines, true);
    expect(sent).toEqual([
      ["join", "2017-03-01T09:00:00.000Z"],
      ["apply", "2017-05-02T09:00:00.000Z"],
      // A line without a date keeps its place after the line before it; one date keeps the file's order.
      ["undated", "2017-05-02T09:00:00.000Z"],
      ["same-day", "2017-05-02T09:00:00.000Z"],
      ["budget-2019", "2019-01-01T09:00:00.000Z"],
    ]);
    expect(now).toBe("2019-01-01T09:00:00.000Z");
  });

  it("in the file's order, never moves the clock back: an earlier-dated command is recorded late", async () => {
    const { sent } = await send(lines, false);
    expect(sent.map(([, at]) => at)).toEqual(Array(5).fill("2019-01-01T09:00:00.000Z"));
  });
});
