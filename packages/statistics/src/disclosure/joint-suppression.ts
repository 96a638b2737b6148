import type { StatisticId } from "../report/model.js";
import { type CountTable, publishedTotalsOf } from "./disclosure.js";
import type { CellRef, Link } from "./linked-tables.js";
import { type GridSystem, gridSystem, type SuppressionMask, suppressSystem } from "./suppress-table.js";

/** The count tables of one statistic for one report, before disclosure control. */
export interface StatisticCountTables {
  readonly id: StatisticId;
  readonly tables: readonly CountTable[];
}

const keyOf = (statistic: string, table: string): string => `${statistic}/${table}`;

interface Placed {
  readonly table: CountTable;
  readonly system: GridSystem;
  readonly offset: number;
}

const indexOfKey = (keys: readonly { readonly key: string }[], key: string, ref: CellRef): number => {
  const i = keys.findIndex((k) => k.key === key);
  if (i < 0) throw new Error(`linked cell ${JSON.stringify(ref)}: no row or column ${key}`);
  return i;
};

/** Where a linked value sits in the joint system (a bug in the links when it does not exist). */
const resolve = (placed: ReadonlyMap<string, Placed>, ref: CellRef): number => {
  const p = placed.get(keyOf(ref.statistic, ref.table));
  if (p === undefined) throw new Error(`linked cell ${JSON.stringify(ref)}: no such person-level table`);
  const { table, system } = p;
  const single = table.columns.length === 1;
  const r = ref.row === undefined ? null : indexOfKey(table.rows, ref.row, ref);
  const c = ref.column === undefined ? null : indexOfKey(table.columns, ref.column, ref);
  const at =
    r !== null && c !== null
      ? system.cellAt(r, c)
      : r !== null
        ? (system.rowTotalAt(r) ?? (single ? system.cellAt(r, 0) : null))
        : c !== null
          ? system.columnTotalAt(c)
          : (system.grandAt ?? (single ? system.columnTotalAt(0) : null));
  if (at === null) throw new Error(`linked cell ${JSON.stringify(ref)}: the table does not publish it`);
  return p.offset + at;
};

/**
 * Disclosure control of a whole report: every person-level table's cells and totals, their own totals and the
 * links between tables (`linkedCells`) form one system of equations, suppressed together, so that a value
 * withheld in one table cannot be recovered from another. Returns each table's mask by `statistic/table`.
 */
export const suppressLinkedTables = (
  statistics: readonly StatisticCountTables[],
  minCell: number,
  links: readonly Link[],
): Map<string, SuppressionMask> => {
  const placed = new Map<string, Placed>();
  let size = 0;
  for (const statistic of statistics) {
    for (const table of statistic.tables) {
      if (table.disclosureRule !== "person-level") continue;
      const width = table.columns.length;
      const grid = { cells: table.rows.map((r) => table.columns.map((_, c) => r.counts[c] ?? 0)) };
      const system = gridSystem(grid, width, publishedTotalsOf(table));
      placed.set(keyOf(statistic.id, table.key), { table, system, offset: size });
      size += system.values.length;
    }
  }
  const values: number[] = [];
  const equations: number[][] = [];
  for (const { system, offset } of placed.values()) {
    values.push(...system.values);
    for (const e of system.equations) {
      const row = new Array<number>(size).fill(0);
      e.forEach((x, i) => {
        row[offset + i] = x;
      });
      equations.push(row);
    }
  }
  for (const link of links) {
    const row = new Array<number>(size).fill(0);
    for (const ref of link.left) {
      const i = resolve(placed, ref);
      row[i] = (row[i] as number) + 1;
    }
    for (const ref of link.right) {
      const i = resolve(placed, ref);
      row[i] = (row[i] as number) - 1;
    }
    equations.push(row);
  }
  const isSuppressed = suppressSystem({ values, equations }, minCell);
  const masks = new Map<string, SuppressionMask>();
  for (const [key, { system, offset }] of placed) {
    masks.set(key, system.maskOf(isSuppressed.slice(offset, offset + system.values.length)));
  }
  return masks;
};

export const maskKey = keyOf;
