import { determinedUnknowns } from "./linear-determination.js";

/** A table of counts as published: inner cells, row totals (when there is more than one column), column totals. */
export interface CountGrid {
  readonly cells: readonly (readonly number[])[];
}

/** Which cells of a grid are withheld (totals that are not published are never marked). */
export interface SuppressionMask {
  readonly cells: boolean[][];
  readonly rowTotals: boolean[];
  readonly columnTotals: boolean[];
  readonly grand: boolean;
}

interface Layout {
  readonly values: number[];
  readonly equations: number[][];
  readonly rows: number;
  readonly columns: number;
  readonly withRowTotals: boolean;
  readonly withColumnTotals: boolean;
}

/** Which totals a table publishes; the grand total is published when both are. */
export interface PublishedTotals {
  readonly rowTotals: boolean;
  readonly columnTotals: boolean;
}

// Cell indices: inner r*C+c, then row totals, then column totals, then the grand total.
const layout = (grid: CountGrid, columns: number, totals: PublishedTotals): Layout => {
  const rows = grid.cells.length;
  const withRowTotals = totals.rowTotals;
  const withColumnTotals = totals.columnTotals;
  const withGrand = withRowTotals && withColumnTotals;
  const values: number[] = [];
  for (const row of grid.cells) for (let c = 0; c < columns; c++) values.push(row[c] ?? 0);
  const rowTotalAt = rows * columns;
  const columnTotalAt = rowTotalAt + (withRowTotals ? rows : 0);
  const grandAt = columnTotalAt + (withColumnTotals ? columns : 0);
  if (withRowTotals) for (let r = 0; r < rows; r++) values.push(sum(grid.cells[r] ?? []));
  if (withColumnTotals)
    for (let c = 0; c < columns; c++) values.push(grid.cells.reduce((t, row) => t + (row[c] ?? 0), 0));
  if (withGrand) values.push(grid.cells.reduce((t, row) => t + sum(row), 0));
  const equations: number[][] = [];
  const equation = (plus: number[], minus: number): void => {
    const e = new Array<number>(values.length).fill(0);
    for (const i of plus) e[i] = 1;
    e[minus] = -1;
    equations.push(e);
  };
  if (withRowTotals) {
    for (let r = 0; r < rows; r++) {
      equation(
        Array.from({ length: columns }, (_, c) => r * columns + c),
        rowTotalAt + r,
      );
    }
  }
  if (withColumnTotals) {
    for (let c = 0; c < columns; c++) {
      equation(
        Array.from({ length: rows }, (_, r) => r * columns + c),
        columnTotalAt + c,
      );
    }
  }
  if (withGrand) {
    equation(
      Array.from({ length: columns }, (_, c) => columnTotalAt + c),
      grandAt,
    );
    equation(
      Array.from({ length: rows }, (_, r) => rowTotalAt + r),
      grandAt,
    );
  }
  return { values, equations, rows, columns, withRowTotals, withColumnTotals };
};

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** A system of linear equations over published values (each equation sums to zero), for joint suppression. */
export interface LinearSystem {
  readonly values: readonly number[];
  readonly equations: readonly (readonly number[])[];
}

/**
 * For each withheld value (in `suppressed` order): can the published values pin it? Either by linear algebra (its
 * unit vector lies in the row space of the equations restricted to the withheld values), or by bounds: a withheld
 * count is at least 1 (zeros are never withheld), so an equation whose withheld values all have the same sign and
 * sum to their number pins each of them at 1.
 */
export const determinedAmong = (system: LinearSystem, suppressed: readonly number[]): boolean[] => {
  const restricted = system.equations
    .map((e) => suppressed.map((i) => e[i] as number))
    .filter((e) => e.some((x) => x !== 0));
  const determined = determinedUnknowns(restricted, suppressed.length);
  for (const e of system.equations) {
    let members = 0;
    let total = 0;
    let sign = 0;
    let mixed = false;
    for (const i of suppressed) {
      const coefficient = e[i] as number;
      if (coefficient === 0) continue;
      if (sign === 0) sign = Math.sign(coefficient);
      else if (Math.sign(coefficient) !== sign) mixed = true;
      members++;
      total += system.values[i] as number;
    }
    if (mixed || members === 0 || total !== members) continue;
    suppressed.forEach((i, k) => {
      if ((e[i] as number) !== 0) determined[k] = true;
    });
  }
  return determined;
};

const sharesEquation = (system: LinearSystem, a: number, b: number): boolean =>
  system.equations.some((e) => e[a] !== 0 && e[b] !== 0);

/** Which values share an equation with `start`, directly or through other values (its connected component). */
const connectedTo = (system: LinearSystem, start: number): boolean[] => {
  const seen = system.values.map(() => false);
  const used = system.equations.map(() => false);
  seen[start] = true;
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.pop() as number;
    system.equations.forEach((e, k) => {
      if (used[k] === true || e[v] === 0) return;
      used[k] = true;
      e.forEach((x, i) => {
        if (x !== 0 && seen[i] !== true) {
          seen[i] = true;
          queue.push(i);
        }
      });
    });
  }
  return seen;
};

/**
 * Primary suppression of every count in 1..minCell-1 (totals included), then secondary suppression: while some
 * withheld count could be solved from the published values, withhold one more positive count among those linked to
 * it through the equations (preferring one on the same line that frees it, then the smallest; a value of another
 * table that no equation links to it cannot free it and is never withheld for it). Zeros are never withheld, so every withheld count is positive
 * and cannot be pinned once it is no longer determined by the equations. Only values marked in `applies` are
 * subject to suppression (the others are published as they are and take part in the equations as known values).
 */
export const suppressSystem = (
  system: LinearSystem,
  minCell: number,
  applies: readonly boolean[] = system.values.map(() => true),
): boolean[] => {
  const { values } = system;
  const isSuppressed = values.map((v, i) => applies[i] === true && v > 0 && v < minCell);
  for (;;) {
    const suppressed = indicesWhere(isSuppressed);
    const determined = determinedAmong(system, suppressed);
    const firstDetermined = determined.indexOf(true);
    if (firstDetermined < 0) break;
    const target = suppressed[firstDetermined] as number;
    // Only a value linked to the target through the equations can change what pins it: the others stay published.
    const linked = connectedTo(system, target);
    const open = values
      .map((_v, i) => i)
      .filter(
        (i) => linked[i] === true && applies[i] === true && !isSuppressed[i] && (values[i] as number) > 0,
      );
    if (open.length === 0) break;
    const sameLine = open.filter((i) => sharesEquation(system, i, target));
    const pool = sameLine.length > 0 ? sameLine : open;
    const frees = pool.filter((i) => {
      const trial = [...suppressed, i].sort((a, b) => a - b);
      return !(determinedAmong(system, trial)[trial.indexOf(target)] ?? false);
    });
    const choices = frees.length > 0 ? frees : pool;
    let best = choices[0] as number;
    for (const i of choices) if ((values[i] as number) < (values[best] as number)) best = i;
    isSuppressed[best] = true;
  }
  return isSuppressed;
};

/** The linear system of one table: its cells and published totals, and one equation per published total. */
export const gridSystem = (grid: CountGrid, columns: number, totals: PublishedTotals): GridSystem => {
  const l = layout(grid, columns, totals);
  const rowTotalAt = l.rows * l.columns;
  const columnTotalAt = rowTotalAt + (l.withRowTotals ? l.rows : 0);
  const grandAt = l.withRowTotals && l.withColumnTotals ? columnTotalAt + l.columns : null;
  return {
    values: l.values,
    equations: l.equations,
    cellAt: (r, c) => r * l.columns + c,
    rowTotalAt: (r) => (l.withRowTotals ? rowTotalAt + r : null),
    columnTotalAt: (c) => (l.withColumnTotals ? columnTotalAt + c : null),
    grandAt,
    maskOf: (isSuppressed) => ({
      cells: Array.from({ length: l.rows }, (_, r) =>
        Array.from({ length: l.columns }, (_, c) => isSuppressed[r * l.columns + c] === true),
      ),
      rowTotals: Array.from(
        { length: l.rows },
        (_, r) => l.withRowTotals && isSuppressed[rowTotalAt + r] === true,
      ),
      columnTotals: Array.from(
        { length: l.columns },
        (_, c) => l.withColumnTotals && isSuppressed[columnTotalAt + c] === true,
      ),
      grand: grandAt !== null && isSuppressed[grandAt] === true,
    }),
  };
};

/** One table's system, with where each of its published values sits and how a suppression reads as its mask. */
export interface GridSystem extends LinearSystem {
  readonly cellAt: (row: number, column: number) => number;
  readonly rowTotalAt: (row: number) => number | null;
  readonly columnTotalAt: (column: number) => number | null;
  readonly grandAt: number | null;
  readonly maskOf: (isSuppressed: readonly boolean[]) => SuppressionMask;
}

/** Suppression of one table on its own (its totals are its only equations). */
export const suppressGrid = (
  grid: CountGrid,
  columns: number,
  totals: PublishedTotals,
  minCell: number,
): SuppressionMask => {
  const system = gridSystem(grid, columns, totals);
  return system.maskOf(suppressSystem(system, minCell));
};

const indicesWhere = (flags: readonly boolean[]): number[] => {
  const out: number[] = [];
  flags.forEach((f, i) => {
    if (f) out.push(i);
  });
  return out;
};
