/**
 * Which unknowns of a linear system are pinned to a single value. The published totals of a table give one
 * equation per total (sum of the line's cells minus the total = 0); the suppressed cells are the unknowns.
 * Unknown k is determined exactly when the unit vector e_k lies in the row space of the system, i.e. when
 * reducing the system to row echelon form leaves a row whose only non-zero coefficient is k's.
 * All suppressed cells are positive counts, so any direction of the null space moves them a little while
 * keeping them non-negative: an unknown that is not determined has more than one feasible value.
 */
export const determinedUnknowns = (
  equations: readonly (readonly number[])[],
  unknowns: number,
): boolean[] => {
  const rows = equations.map((e) => e.slice());
  const pivotOfRow: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns && r < rows.length; c++) {
    let pivot = -1;
    for (let i = r; i < rows.length; i++) {
      if (Math.abs((rows[i] as number[])[c] as number) > 1e-9) {
        pivot = i;
        break;
      }
    }
    if (pivot < 0) continue;
    const tmp = rows[r] as number[];
    rows[r] = rows[pivot] as number[];
    rows[pivot] = tmp;
    const pr = rows[r] as number[];
    const pv = pr[c] as number;
    for (let j = 0; j < unknowns; j++) pr[j] = (pr[j] as number) / pv;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i] as number[];
      const f = row[c] as number;
      if (Math.abs(f) < 1e-12) continue;
      for (let j = 0; j < unknowns; j++) row[j] = (row[j] as number) - f * (pr[j] as number);
    }
    pivotOfRow.push(c);
    r++;
  }
  const determined = new Array<boolean>(unknowns).fill(false);
  // In reduced row echelon form, e_k is in the row space iff some row is exactly e_k.
  for (let i = 0; i < r; i++) {
    const row = rows[i] as number[];
    let nonZero = 0;
    for (let j = 0; j < unknowns; j++) if (Math.abs(row[j] as number) > 1e-9) nonZero++;
    if (nonZero === 1) determined[pivotOfRow[i] as number] = true;
  }
  return determined;
};
