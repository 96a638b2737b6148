import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CountTable, isSuppressed, publishTable, type Table } from "../src/index.js";

/** Rank of a matrix by Gaussian elimination (written here independently of the library's solver). */
const rank = (matrix: number[][]): number => {
  const m = matrix.map((r) => r.slice());
  let rk = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols; c++) {
    const p = m.findIndex((r, i) => i >= rk && Math.abs(r[c] ?? 0) > 1e-9);
    if (p < 0) continue;
    [m[rk], m[p]] = [m[p] as number[], m[rk] as number[]];
    const pr = m[rk] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === rk) continue;
      const f = ((m[i] as number[])[c] ?? 0) / (pr[c] as number);
      m[i] = (m[i] as number[]).map((v, j) => v - f * (pr[j] ?? 0));
    }
    rk++;
  }
  return rk;
};

interface Published {
  readonly value: number;
  readonly hidden: boolean;
}

/** The table as an attacker sees it: every published line (row, column, totals) as an equation over cells. */
const equationsOf = (raw: CountTable, table: Table) => {
  const R = raw.rows.length;
  const C = raw.columns.length;
  const cells: Published[] = [];
  const idx = (r: number, c: number) => r * C + c;
  raw.rows.forEach((row, r) => {
    row.counts.forEach((v, c) => {
      cells.push({ value: v, hidden: isSuppressed(table.rows[r]?.cells[c] ?? 0) });
    });
  });
  const lines: { members: number[]; total: number }[] = [];
  const withRowTotals = table.rows.some((r) => r.total !== null);
  const rowTotalIdx: number[] = [];
  if (withRowTotals) {
    raw.rows.forEach((row, r) => {
      const t = table.rows[r]?.total ?? 0;
      rowTotalIdx.push(cells.length);
      cells.push({ value: row.counts.reduce((a, b) => a + b, 0), hidden: isSuppressed(t) });
      lines.push({ members: Array.from({ length: C }, (_, c) => idx(r, c)), total: cells.length - 1 });
    });
  }
  const colTotalIdx: number[] = [];
  if (table.totals !== null) {
    for (let c = 0; c < C; c++) {
      colTotalIdx.push(cells.length);
      cells.push({
        value: raw.rows.reduce((a, row) => a + (row.counts[c] ?? 0), 0),
        hidden: isSuppressed(table.totals.cells[c] ?? 0),
      });
      lines.push({ members: Array.from({ length: R }, (_, r) => idx(r, c)), total: cells.length - 1 });
    }
    if (withRowTotals && table.totals.total !== null) {
      cells.push({
        value: raw.rows.reduce((a, row) => a + row.counts.reduce((x, y) => x + y, 0), 0),
        hidden: isSuppressed(table.totals.total),
      });
      lines.push({ members: colTotalIdx, total: cells.length - 1 });
      lines.push({ members: rowTotalIdx, total: cells.length - 1 });
    }
  }
  return { cells, lines };
};

const tableArb = fc
  .record({
    rows: fc.integer({ min: 1, max: 6 }),
    columns: fc.integer({ min: 1, max: 4 }),
    columnTotals: fc.boolean(),
    minCell: fc.integer({ min: 3, max: 6 }),
    values: fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 40 })), {
      minLength: 24,
      maxLength: 24,
    }),
  })
  .map(({ rows, columns, columnTotals, minCell, values }) => ({
    minCell,
    table: {
      key: "t",
      title: "t",
      unit: "people",
      disclosureRule: "person-level",
      rowHeader: "r",
      columnTotals,
      columns: Array.from({ length: columns }, (_, c) => ({ key: `c${c}`, label: `c${c}` })),
      rows: Array.from({ length: rows }, (_, r) => ({
        key: `r${r}`,
        label: `r${r}`,
        counts: Array.from({ length: columns }, (_, c) => values[r * columns + c] ?? 0),
      })),
    } satisfies CountTable,
  }));

describe("disclosure control", () => {
  it("publishes no person-level count below the threshold and never withholds a zero", () => {
    fc.assert(
      fc.property(tableArb, ({ table, minCell }) => {
        const published = publishTable(table, { mode: "published", minCell });
        const { cells } = equationsOf(table, published);
        for (const c of cells) {
          if (!c.hidden) expect(c.value === 0 || c.value >= minCell).toBe(true);
          else expect(c.value).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no withheld count recoverable from the published row and column totals", () => {
    fc.assert(
      fc.property(tableArb, ({ table, minCell }) => {
        const published = publishTable(table, { mode: "published", minCell });
        const { cells, lines } = equationsOf(table, published);
        const hidden = cells.map((c, i) => (c.hidden ? i : -1)).filter((i) => i >= 0);
        const system = lines
          .map((l) => hidden.map((h) => (l.members.includes(h) ? 1 : l.total === h ? -1 : 0)))
          .filter((row) => row.some((x) => x !== 0));
        const base = rank(system);
        hidden.forEach((h, k) => {
          const unit = hidden.map((_, j) => (j === k ? 1 : 0));
          // e_k in the row space of the published equations would pin cell h's value.
          expect(rank([...system, unit]), `cell ${h} (value ${cells[h]?.value}) is recoverable`).toBe(
            base + 1,
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  it("marks withheld cells and publishes the others unchanged", () => {
    fc.assert(
      fc.property(tableArb, ({ table, minCell }) => {
        const published = publishTable(table, { mode: "published", minCell });
        table.rows.forEach((row, r) => {
          row.counts.forEach((v, c) => {
            const cell = published.rows[r]?.cells[c];
            if (isSuppressed(cell ?? 0)) expect(cell).toEqual({ suppressed: true });
            else expect(cell).toBe(v);
          });
        });
      }),
      { numRuns: 100 },
    );
  });

  it("the raw report withholds nothing, and tables not about people are never suppressed", () => {
    fc.assert(
      fc.property(tableArb, ({ table, minCell }) => {
        for (const t of [
          publishTable(table, { mode: "raw" }),
          publishTable({ ...table, disclosureRule: "not-applicable" }, { mode: "published", minCell }),
        ]) {
          expect(t.rows.every((r) => r.cells.every((c) => typeof c === "number"))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("suppresses a lone small count together with a second cell of its column", () => {
    const table: CountTable = {
      key: "t",
      title: "t",
      unit: "people",
      disclosureRule: "person-level",
      rowHeader: "r",
      columns: [{ key: "n", label: "n" }],
      rows: [
        { key: "a", label: "a", counts: [2] },
        { key: "b", label: "b", counts: [10] },
        { key: "c", label: "c", counts: [7] },
        { key: "d", label: "d", counts: [0] },
      ],
    };
    const published = publishTable(table, { mode: "published", minCell: 3 });
    expect(published.rows.map((r) => r.cells[0])).toEqual([
      { suppressed: true },
      10,
      { suppressed: true },
      0,
    ]);
    expect(published.totals?.cells[0]).toBe(19);
  });
});
