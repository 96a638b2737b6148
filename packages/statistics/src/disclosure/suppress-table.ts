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

/** For each suppressed cell (in `suppressed` order): can the published totals pin its value? */
const determinedAmong = (l: Layout, suppressed: readonly number[]): boolean[] => {
  const equations = l.equations
    .map((e) => suppressed.map((i) => e[i] as number))
    .filter((e) => e.some((x) => x !== 0));
  return determinedUnknowns(equations, suppressed.length);
};

const sharesEquation = (l: Layout, a: number, b: number): boolean =>
  l.equations.some((e) => e[a] !== 0 && e[b] !== 0);

/**
 * Primary suppression of every count in 1..minCell-1 (totals included), then secondary suppression: while some
 * withheld count could be solved from the published totals, withhold one more positive count (preferring one on
 * the same line that frees it, then the smallest). Zeros are never withheld, so every withheld count is positive
 * and cannot be pinned once it is no longer determined by the equations.
 */
export const suppressGrid = (
  grid: CountGrid,
  columns: number,
  totals: PublishedTotals,
  minCell: number,
): SuppressionMask => {
  const l = layout(grid, columns, totals);
  const isSuppressed = l.values.map((v) => v > 0 && v < minCell);
  for (;;) {
    const suppressed = indicesWhere(isSuppressed);
    const determined = determinedAmong(l, suppressed);
    const firstDetermined = determined.indexOf(true);
    if (firstDetermined < 0) break;
    const target = suppressed[firstDetermined] as number;
    const open = l.values.map((_v, i) => i).filter((i) => !isSuppressed[i] && (l.values[i] as number) > 0);
    if (open.length === 0) break;
    const sameLine = open.filter((i) => sharesEquation(l, i, target));
    const pool = sameLine.length > 0 ? sameLine : open;
    const frees = pool.filter((i) => {
      const trial = [...suppressed, i].sort((a, b) => a - b);
      return !(determinedAmong(l, trial)[trial.indexOf(target)] ?? false);
    });
    const choices = frees.length > 0 ? frees : pool;
    let best = choices[0] as number;
    for (const i of choices) if ((l.values[i] as number) < (l.values[best] as number)) best = i;
    isSuppressed[best] = true;
  }
  const rowTotalAt = l.rows * l.columns;
  const columnTotalAt = rowTotalAt + (l.withRowTotals ? l.rows : 0);
  return {
    cells: Array.from({ length: l.rows }, (_, r) =>
      Array.from({ length: l.columns }, (_, c) => isSuppressed[r * l.columns + c] as boolean),
    ),
    rowTotals: Array.from(
      { length: l.rows },
      (_, r) => l.withRowTotals && (isSuppressed[rowTotalAt + r] as boolean),
    ),
    columnTotals: Array.from(
      { length: l.columns },
      (_, c) => l.withColumnTotals && (isSuppressed[columnTotalAt + c] as boolean),
    ),
    grand: l.withRowTotals && l.withColumnTotals && (isSuppressed[columnTotalAt + l.columns] as boolean),
  };
};

const indicesWhere = (flags: readonly boolean[]): number[] => {
  const out: number[] = [];
  flags.forEach((f, i) => {
    if (f) out.push(i);
  });
  return out;
};
