/**
 * Largest gap between two ids that still share one index range. A range reads the index entries of
 * the ids it skips and drops them by the exact list, which costs less than a lookup of its own:
 * replayed on three catalogs, gaps of 8 and 16 read the same, 4 and less gained less.
 */
const RUN_GAP = 16;

/**
 * `column IN (ids)`, written so MariaDB reads each run of nearby ids as one index range rather than
 * one lookup per id. A page's ids come in runs: a configurable's children are numbered together,
 * and a page of products together with the children that price them is dense. Replaying the reads of
 * one 1,000-product job of a configurable-heavy catalog, statement by statement: EAV values 134 → 120 ms,
 * special-price dates 20 → 16 ms, tier prices 15 → 10 ms, catalog rule prices 14 → 7 ms; the job's
 * reads 267 → 251 ms (sum of each statement's best of fifteen), the demo and attribute-heavy
 * catalogs' 2 % less. Lone ids stay an IN list. When a range spans ids not asked for, the exact list
 * filters its index entries ("+ 0" keeps that list from becoming ranges of its own).
 */
export function idsIn(column: string, ids: readonly number[]): { sql: string; params: unknown[] } {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const runs: Array<[first: number, last: number]> = [];
  for (const id of sorted) {
    const run = runs.at(-1);
    if (run && id - run[1] <= RUN_GAP) run[1] = id;
    else runs.push([id, id]);
  }
  const ranges = runs.filter(([first, last]) => first !== last);
  if (ranges.length === 0) return { sql: `${column} IN (?)`, params: [sorted] };
  const singles = runs.filter(([first, last]) => first === last).map(([id]) => id);
  const spanned = ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0) + singles.length;
  const filtered = spanned > sorted.length;
  const terms = [...ranges.map(() => `${column} BETWEEN ? AND ?`), ...(singles.length > 0 ? [`${column} IN (?)`] : [])];
  return {
    sql: `(${terms.join(' OR ')})${filtered ? ` AND ${column} + 0 IN (?)` : ''}`,
    params: [...ranges.flat(), ...(singles.length > 0 ? [singles] : []), ...(filtered ? [sorted] : [])],
  };
}
