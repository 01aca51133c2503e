// What makes a bench run fail: something broken, never something slow. Returns the problems found.
export function checkFigures(figures) {
  const problems = [];
  const { import: imported, floor, polls, memory, scale } = figures;

  if (imported.total.processed === 0) problems.push('the import processed no products');
  // Rows the Lookbook refused (errors) are the one difference the floor may legitimately show.
  if (floor) {
    const c = floor.comparison;
    const explainable = imported.total.errors;
    if (Math.abs(c.floorRows - c.ourRows) > explainable) {
      problems.push(`the floor wrote ${c.floorRows} rows, our import ${c.ourRows} (${explainable} refused by the database)`);
    }
    if (c.skusOnlyInOurs > 0 || c.skusOnlyInFloor > explainable) {
      problems.push(`SKUs differ: ${c.skusOnlyInOurs} only in our import, ${c.skusOnlyInFloor} only in the floor`);
    }
    const differing = describeColumnDiffs(c);
    if (differing) problems.push(`the floor and our import wrote different values: ${differing}`);
    if (imported.total.inserted !== c.ourRows) {
      problems.push(`the jobs report ${imported.total.inserted} inserted products but the table holds ${c.ourRows}`);
    }
  }

  const pollRuns = [['paced while jobs ran', polls], ['closed loop while jobs ran', polls?.saturated], ['with no job running', polls?.idle]];
  if (figures.refresh) pollRuns.push(['paced while refresh jobs ran', polls?.duringRefresh], ['closed loop while refresh jobs ran', polls?.duringRefresh?.saturated]);
  for (const [when, run] of pollRuns) {
    if (!run || run.requests === 0) problems.push(`the poll load ${when} sent no requests`);
    else if (run.errors + run.timeouts + run.non2xx > 0) {
      const reasons = Object.entries(run.errorReasons ?? {}).map(([reason, count]) => `${count}× ${reason}`).join(', ');
      problems.push(`job polls ${when} failed: ${run.errors} errors${reasons ? ` (${reasons})` : ''}, ${run.timeouts} timeouts, ${run.non2xx} non-2xx responses`);
    }
  }
  if (polls && (polls.jobsRun === 0 || polls.saturated.jobsRun === 0 || polls.duringRefresh?.jobsRun === 0)) problems.push('no job ran during a poll load');

  const { refresh } = figures;
  if (!refresh) {
    if (floor) problems.push('the refresh was not measured');
  } else if (refresh.processed !== refresh.imported) problems.push(`the refresh re-checked ${refresh?.processed} of ${refresh?.imported} imported products`);
  else {
    const { soldOut, disabled, deleted } = refresh.changedInShop;
    if (refresh.withdrawn !== soldOut + disabled + deleted) problems.push(`the refresh withdrew ${refresh.withdrawn} products, the shop stopped selling ${soldOut + disabled + deleted}`);
    if (refresh.updated === 0 || refresh.errors > 0) problems.push(`the refresh updated ${refresh.updated} products with ${refresh.errors} errors`);
  }

  for (const [name, side] of [['attribute-heavy', figures.rich], ['configurable-heavy', figures.children]]) {
    const r = side?.floor.comparison;
    if (r && (r.floorRows !== r.ourRows || r.skusOnlyInOurs + r.skusOnlyInFloor > 0)) {
      problems.push(`on the ${name} catalog the floor wrote ${r.floorRows} rows and our import ${r.ourRows} (SKUs only ours ${r.skusOnlyInOurs}, only floor ${r.skusOnlyInFloor})`);
    }
    const differing = r && describeColumnDiffs(r);
    if (differing) problems.push(`on the ${name} catalog the floor and our import wrote different values: ${differing}`);
  }

  if (!memory || memory.lastJob < figures.config.rssJobs) problems.push('the memory phase did not reach its job count');
  if (scale && scale.runs.end.some((run) => run.processed !== figures.config.jobSize)) {
    problems.push(`the job near the end of the scale catalog did not find ${figures.config.jobSize} products`);
  }
  return problems;
}

/** "price: 3 rows, images: 1 row", or '' when every compared column agrees. */
function describeColumnDiffs(comparison) {
  return Object.entries(comparison.columnDiffs).map(([column, rows]) => `${column}: ${rows} row${rows === 1 ? '' : 's'}`).join(', ');
}
