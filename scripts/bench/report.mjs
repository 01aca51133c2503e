// Turns the figures into the targets table and the short text report. Targets are printed as met
// or missed; nothing here fails the run, since speed depends on the machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeShape } from './shapes.mjs';
import { median, megabytes } from './stats.mjs';

const fixed = (value, digits = 0) => (value === null || value === undefined ? 'n/a' : Number(value).toFixed(digits));

/**
 * Each target of one run: its line (`limit`, with `higher` when more is better), the run's key
 * figure (`value`, null when not measured), what was measured in words, and `applies` (false when
 * the run is not the one the target is stated for: another catalog size or job size).
 */
export function evaluateTargets(figures) {
  const { import: imported, floor, memory, polls, scale, shapes, rich, children, refresh } = figures;
  // Per product: the shapes' catalogs put a different number of products on sale.
  const msPerProduct = (total) => total.elapsedMs / Math.max(1, total.processed);
  const shapeRatio = shapes ? msPerProduct(shapes.total) / msPerProduct(imported.total) : null;
  // The speed targets are stated for the 48,000-product catalog and jobs of 1,000.
  const standard = figures.catalog.products === 48_000 && figures.config.jobSize === 1000;
  const pollErrors = (p) => p.errors + p.timeouts + p.non2xx;
  const rate = (fullJobs) => (fullJobs.medianMs ? (fullJobs.size / fullJobs.medianMs) * 1000 : null);
  const catalogs = [['demo', imported], ['rich', rich], ['configurable-heavy', children], ['Commerce + MSI', shapes]].filter(([, run]) => run);
  const loopRuns = catalogs.map(([, run]) => run);
  const loopMax = Math.max(...loopRuns.map((run) => run.total.loopMaxMs ?? 0));
  const laterDelays = loopRuns.map((run) => run.total.laterJobsLoopDelay).filter(Boolean);
  const laterLoopMax = laterDelays.length ? Math.max(...laterDelays.map((d) => d.ms)) : null;
  const firstJobRatios = catalogs.map(([name, run]) => [name, run.total.firstJobRatio]).filter(([, ratio]) => ratio !== null);
  const floorTarget = (name, run, catalog) => ({
    target: `1,000-product jobs within 1.0x of the set-based SQL floor (same rows, shopper fields included), ${catalog}`,
    limit: 1,
    value: run?.floor ? run.floor.ratio : null,
    measured: run?.floor ? `${fixed(run.floor.ratio, 2)}x (${fixed(run.total.elapsedMs)} ms vs ${fixed(run.floor.totalMs)} ms; ${describeComparison(run.floor.comparison)})` : `not run (${name})`,
    applies: standard,
  });
  const rateTarget = (catalog, run) => ({
    target: `1,000-product job: >= 2,500 products/s, ${catalog}`,
    limit: 2500,
    higher: true,
    value: run ? rate(run.total.fullJobs) : null,
    measured: run ? `median ${fixed(run.total.fullJobs.medianMs)} ms (${fixed(rate(run.total.fullJobs))}/s) over ${run.total.fullJobs.count} jobs of ${run.total.fullJobs.size}` : 'not run',
    applies: standard && run?.total.fullJobs.size === 1000,
  });
  const pollTarget = (during, p) => ({
    target: `GET job p99 <= 20 ms, ${p?.connections ?? 50} pollers once a second each, during ${during}, no errors`,
    limit: 20,
    value: p ? (pollErrors(p) === 0 ? p.latencyMs.p99 : Infinity) : null,
    measured: p ? `p50 ${p.latencyMs.p50} ms, p99 ${p.latencyMs.p99} ms, ${pollErrors(p)} errors/non-2xx of ${p.requests}${pollerLateness(p)}` : 'not run',
    applies: true,
  });
  const statePollTarget = (during, p) => ({
    target: `GET /state p95 <= 100 ms beside ${p?.connections ?? 50} job pollers, during ${during}`,
    limit: 100,
    value: p?.state ? p.state.p95Ms : null,
    measured: p?.state ? `p50 ${fixed(p.state.p50Ms, 1)} ms, p95 ${fixed(p.state.p95Ms, 1)} ms, max ${fixed(p.state.maxMs, 1)} ms over ${p.state.requests} requests` : 'not run',
    applies: true,
  });
  return [
    {
      target: 'GET /state p95 <= 100 ms on the large catalog, cursor at start or end, job running or not',
      limit: 100,
      value: scale?.state ? Math.max(...scale.state.runs.map((s) => s.p95Ms)) : null,
      measured: scale?.state
        ? scale.state.runs.map((s) => `${s.where}${s.jobRunning ? ' + job' : ''}: p95 ${fixed(s.p95Ms, 1)} ms (${s.estimated} of ${s.requests} estimates)`).join(', ')
        : 'not run (--scale)',
      applies: true,
    },
    {
      target: 'the first GET /state after boot <= 100 ms on the large catalog (no request waits for the count)',
      limit: 100,
      value: scale?.state ? scale.state.firstMs : null,
      measured: scale?.state ? `${fixed(scale.state.firstMs)} ms (${scale.state.firstCounting ? 'being counted' : 'with the count'}; the count there after ${fixed(scale.state.countedAfterMs)} ms)` : 'not run (--scale)',
      applies: true,
    },
    floorTarget('Open Source legacy shape only', floor && { floor, total: imported.total }, 'demo catalog'),
    floorTarget('full run only', rich, 'attribute-heavy catalog (--rich-attributes)'),
    floorTarget('full run only', children, `configurable-heavy catalog (--children ${children?.shape.children ?? 12})`),
    rateTarget('demo catalog', imported),
    rateTarget('attribute-heavy catalog', rich),
    rateTarget('configurable-heavy catalog', children),
    rateTarget(shapes ? describeShape(shapes.shape) : 'Commerce + MSI + prefix', shapes),
    {
      target: "a backend's first job <= 1.3x its warm jobs (median of the later full jobs), every catalog",
      limit: 1.3,
      value: firstJobRatios.length ? Math.max(...firstJobRatios.map(([, ratio]) => ratio)) : null,
      measured: firstJobRatios.length
        ? catalogs.filter(([, run]) => run.total.firstJobRatio !== null).map(([name, run]) => `${name} ${fixed(run.total.firstJobRatio, 2)}x (${fixed(run.jobs[0].elapsedMs)} vs ${fixed(run.total.warmMedianMs)} ms)`).join(', ')
        : 'no later job of the same size to compare with',
      applies: standard,
    },
    {
      target: 'every product on sale of the large catalog through jobs: >= 2,500 products/s',
      limit: 2500,
      higher: true,
      value: scale?.everything ? scale.everything.productsPerSecond : null,
      measured: scale?.everything ? `${scale.everything.processed} products in ${fixed(scale.everything.elapsedMs)} ms (${fixed(scale.everything.productsPerSecond)}/s, ${scale.everything.jobs} jobs)` : 'not run (--scale)',
      applies: true,
    },
    {
      target: 'whole eligible set of the demo catalog: <= 3 s of job time',
      limit: 3000,
      value: imported.total.elapsedMs,
      measured: `${imported.total.processed} products in ${fixed(imported.total.elapsedMs)} ms (${imported.total.jobs} jobs)`,
      applies: standard,
    },
    {
      target: 'refresh of every imported product, ~10% changed in the shop: <= 3 s of job time',
      limit: 3000,
      value: refresh ? refresh.elapsedMs : null,
      measured: refresh
        ? `${refresh.processed} products in ${fixed(refresh.elapsedMs)} ms (${fixed(refresh.elapsedMs / imported.total.elapsedMs, 2)}x the import of ` +
          `the same set in this run): ${refresh.updated} updated, ${refresh.withdrawn} withdrawn, ${refresh.unchanged} unchanged; ${refresh.queries.total} queries`
        : 'not run',
      applies: standard,
    },
    {
      target: `end/start job cost on the ${scale ? `${scale.products / 1000}k` : 'large'} catalog: <= 1.5x`,
      limit: 1.5,
      value: scale ? Math.max(scale.insertRatio, scale.reimportRatio ?? 0) : null,
      measured: scale ? `${fixed(scale.insertRatio, 2)}x inserting, ${fixed(scale.reimportRatio, 2)}x re-importing; queries ${scale.runs.start[0].queries.total} vs ${scale.runs.end[0].queries.total}` : 'not run (--scale)',
      applies: true,
    },
    {
      target: `${shapes ? describeShape(shapes.shape) : 'Commerce + MSI shape'}: within 1.3x of Open Source legacy per product`,
      limit: 1.3,
      value: shapeRatio,
      measured: shapes
        ? `${fixed(shapeRatio, 2)}x (${fixed(msPerProduct(shapes.total) * 1000)} vs ${fixed(msPerProduct(imported.total) * 1000)} ms per 1,000 products; ` +
          `${shapes.total.processed} on sale, ${fixed(shapes.total.queries / Math.max(1, shapes.total.jobs))} queries a job vs ${fixed(imported.total.queries / Math.max(1, imported.total.jobs))})`
        : 'not run',
      applies: true,
    },
    pollTarget('import jobs', polls),
    pollTarget('refresh jobs', polls?.duringRefresh),
    statePollTarget('import jobs', polls),
    statePollTarget('refresh jobs', polls?.duringRefresh),
    {
      target: 'event loop never held more than 25 ms while a job runs',
      limit: 25,
      value: loopMax,
      measured: `longest delay ${fixed(loopMax, 1)} ms over the import jobs of every catalog: first job of each backend process ` +
        `${loopRuns.map(({ total: { firstJob } }) => `${describeDelay(firstJob.loopDelay)}${firstJob.majorGcMaxMs > 0 ? `, a full GC of ${fixed(firstJob.majorGcMaxMs, 1)} ms in the job` : ''}`).join(', ')}; ` +
        (laterLoopMax === null ? 'no later job' : `every later job <= ${fixed(laterLoopMax, 1)} ms (the longest: ${laterDelays.map(describeDelay).join(', ')})`),
      applies: standard,
    },
    {
      target: `RSS growth <= 30 MB from job 1 to job ${figures.config.rssJobs} (each read 2 s after a forced GC)`,
      limit: 30,
      value: memory ? memory.growthMb : null,
      measured: memory ? `${megabytes(memory.afterFirstJob.rss)} MB -> ${megabytes(memory.afterLastJob.rss)} MB (${signed(memory.growthMb)} MB; read at once after the GC: ${signed(memory.growthAtOnceMb)} MB)` : 'not run',
      // The target is stated for 50 jobs; a run with fewer measures less than it asks.
      applies: Boolean(memory && memory.lastJob >= 50),
    },
    queriesPerChunkTarget(figures),
  ];
}

/**
 * Queries per chunk, the most over the least, over the full inserting jobs of one shape (the demo
 * catalog's, and the large catalog's first at its start and at its end): 1.00 when a job's cost in
 * statements does not depend on where in the catalog it runs or how big the catalog is.
 */
function queriesPerChunkTarget({ import: imported, scale, config }) {
  const size = imported.total.fullJobs.size;
  // Inserting jobs only: a re-import of unchanged rows leaves out the INSERTs.
  const jobs = [...imported.jobs.filter((job) => job.processed === size), ...(scale ? [scale.runs.start[0], scale.runs.end[0]] : [])];
  const perChunk = jobs.map((job) => job.queries.total / Math.ceil(job.processed / config.chunkSize));
  const spread = perChunk.length ? Math.max(...perChunk) / Math.min(...perChunk) : null;
  return {
    target: 'queries per chunk constant, wherever the job runs and whatever the catalog size (most / least)',
    limit: 1,
    value: spread,
    measured: perChunk.length ? `${fixed(Math.min(...perChunk), 1)} to ${fixed(Math.max(...perChunk), 1)} queries per chunk of ${config.chunkSize} over ${perChunk.length} jobs` : 'no full job',
    applies: true,
  };
}

/** How far the worst run may miss a line while the target still counts as met. */
const WORST_MARGIN = 0.1;

/**
 * The targets over every run: each with the median and the worst of its runs' values. A target is
 * met when the median meets its line and the worst is within 10 % of it; null when not measured
 * (or not for the catalog and job size it is stated for). `measured` is the words of the median run.
 */
export function summarizeTargets(runs) {
  return runs[0].map((first, i) => {
    const results = runs.map((targets) => targets[i]).filter((t) => t.value !== null && t.value !== undefined);
    if (results.length === 0) return { ...first, median: null, worst: null, met: null, runs: [] };
    const values = results.map((t) => t.value);
    const sorted = [...results].sort((a, b) => a.value - b.value);
    const middle = sorted[Math.floor((sorted.length - 1) / 2)];
    const medianValue = median(values);
    const worst = first.higher ? Math.min(...values) : Math.max(...values);
    const meets = (value, slack = 0) => (first.higher ? value >= first.limit * (1 - slack) : value <= first.limit * (1 + slack));
    const applies = results.every((t) => t.applies);
    return {
      target: first.target,
      limit: first.limit,
      higher: Boolean(first.higher),
      median: medianValue,
      worst,
      runs: values,
      measured: middle.measured,
      met: applies ? meets(medianValue) && meets(worst, WORST_MARGIN) : null,
    };
  });
}

/**
 * A loop delay with, where the scheduler told it, how much of it the main thread ran and how much
 * it waited for a core, and any garbage collection inside it.
 */
function describeDelay(delay) {
  if (!delay) return 'n/a';
  const parts = delay.onCpuMs === null ? [] : [`ran ${fixed(delay.onCpuMs, 1)}`, `waited ${fixed(delay.waitingMs, 1)} for a core`];
  if (delay.gcMs > 0) parts.push(`GC ${fixed(delay.gcMs, 1)}`);
  return parts.length ? `${fixed(delay.ms, 1)} ms (${parts.join(', ')})` : `${fixed(delay.ms, 1)} ms`;
}

/**
 * The first job of a backend process against its warm jobs: time, queries, connections it had to
 * open, and the statement kinds whose time differs most (where the first job's extra time went).
 */
function describeFirstJob({ firstJobProbe: first, warmProbe: warm, firstJobRatio }) {
  const kinds = Object.entries(first.kinds)
    .map(([kind, { count, ms }]) => ({ kind, count, extraMs: ms - (warm.kinds[kind]?.ms ?? 0), warmCount: warm.kinds[kind]?.count ?? 0 }))
    .sort((a, b) => b.extraMs - a.extraMs)
    .slice(0, 4)
    .map((k) => `${k.kind} ${signed(Math.round(k.extraMs))} ms (${k.count} vs ${fixed(k.warmCount, 1)})`);
  return `${first.elapsedMs} ms vs ${fixed(warm.elapsedMs)} ms warm (${fixed(firstJobRatio, 2)}x); ${first.queries} queries vs ${fixed(warm.queries)}; ` +
    `connections opened ${first.connectionsOpened} vs ${fixed(warm.connectionsOpened, 1)}; dearer statement kinds: ${kinds.join(', ')}`;
}

/**
 * Where the process's memory sits job after job: RSS, V8's heap (used, and reserved by old space
 * and code space) and memory outside it (mysql2's and the HTTP server's buffers).
 */
function describeCurve(curve) {
  const mb = (bytes) => fixed(megabytes(bytes ?? 0), 1);
  return curve
    .map((m) => `job ${m.jobsRun}: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}, old space ${mb(m.spaces.old_space)}, ` +
      `code space ${mb(m.spaces.code_space)}, large objects ${mb(m.spaces.large_object_space)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})`)
    .join('; ');
}

function describeComparison(c) {
  const diffs = Object.entries(c.columnDiffs).map(([column, n]) => `${column}: ${n}`).join(', ');
  return `${c.ourRows} rows vs the floor's ${c.floorRows}; SKUs only ours ${c.skusOnlyInOurs}, only the floor's ${c.skusOnlyInFloor}; ` +
    `${diffs ? `differing: ${diffs}` : `all ${c.columnsCompared} columns identical`}`;
}

/** figures.runs: each run's own figures; the job table is the last run's, the details every run's. */
export function printReport(figures, log) {
  const last = figures.runs.at(-1);
  const { import: imported, floor } = last;
  log('');
  log(`Import jobs (${figures.config.jobSize} per job, chunks of ${figures.config.chunkSize}) on ${figures.catalog.products.toLocaleString('en')} products` +
    (figures.runs.length > 1 ? `, run ${figures.runs.length} of ${figures.runs.length}` : ''));
  log(table(
    'rrrrrrrrr',
    ['job', 'after id', 'processed', 'inserted', 'elapsed ms', 'products/s', 'queries (magento+lookbook)', 'connections opened', 'floor ms'],
    imported.jobs.map((job, i) => [
      i + 1, job.afterId, job.processed, job.inserted, job.elapsedMs, job.productsPerSecond,
      `${job.queries.total} (${job.queries.magento ?? 0}+${job.queries.lookbook ?? 0})`, job.connectionsOpened, fixed(floor?.statements[i]?.ms),
    ]).concat([[
      'total', '', imported.total.processed, imported.total.inserted, imported.total.elapsedMs, imported.total.productsPerSecond,
      imported.total.queries, '', fixed(floor?.totalMs),
    ]]),
  ));
  if (floor) log(`Floor check: ${describeComparison(floor.comparison)}`);
  figures.runs.forEach((run, i) => {
    const lines = detailLines(run);
    if (figures.runs.length > 1) log(`Run ${i + 1}:`);
    for (const line of lines) log(figures.runs.length > 1 ? `  ${line}` : line);
  });
  log('');
  const runs = figures.runs.length;
  // A smoke run checks that the bench works, on a small catalog and a machine busy with the tests.
  const smoke = figures.mode === 'smoke';
  log(smoke
    ? 'Targets (smoke run: its figures are not judged; `npm run bench` measures them on a quiet machine)'
    : `Targets over ${runs} run${runs > 1 ? 's' : ''}: met when the median meets the line and the worst run is within 10 % of it (measured: the median run)`);
  const verdict = (t) => (smoke ? 'not judged' : t.met === null ? '-' : t.met ? 'met' : 'MISSED');
  log(table('lrrrll', ['target', 'line', 'median', 'worst', 'measured', ''], figures.targets.map((t) => [
    t.target, `${t.higher ? '>=' : '<='} ${t.limit}`, figure(t.median), figure(t.worst), t.measured, verdict(t),
  ])));
}

/** How late the paced pollers' own timers sent their polls (not counted in the latencies): the host, not the backend. */
function pollerLateness(p) {
  return p.pollerLateMs ? ` (polls went out late on the pollers' side, not counted: p99 ${p.pollerLateMs.p99} ms, max ${p.pollerLateMs.max} ms)` : '';
}

function detailLines({ import: imported, rich, children, shapes, polls, memory, scale }) {
  const lines = [];
  for (const [name, run] of [['demo', imported], ['rich', rich], ['configurable-heavy', children], ['Commerce + MSI', shapes]]) {
    if (run?.total.firstJobProbe) lines.push(`First job, ${name}: ${describeFirstJob(run.total)}`);
  }
  if (polls) {
    const run = (p) => `${p.requests} polls at ${fixed(p.requestsPerSecond)}/s, p50 ${p.latencyMs.p50} ms, p90 ${p.latencyMs.p90} ms, p99 ${p.latencyMs.p99} ms, max ${p.latencyMs.max} ms${pollerLateness(p)}`;
    lines.push(`Polls, ${polls.connections} connections, ${fixed(polls.seconds)} s, no job running: ${run(polls.idle)}`);
    const busy = (p, shape) => `Polls ${shape} while ${p.jobsRun} re-import jobs ran (a job running ${fixed(p.jobRunningShare * 100)}% of the time, ` +
      `median job ${fixed(p.jobMedianElapsedMs)} ms under load, longest event-loop hold ${describeDelay(p.longestLoopDelay)}): ${run(p)}`;
    lines.push(busy(polls, `at ${polls.pollsPerSecondEach}/s per connection`));
    lines.push(busy(polls.saturated, 'closed loop'));
    if (polls.duringRefresh) lines.push(busy(polls.duringRefresh, `at ${polls.pollsPerSecondEach}/s per connection`).replace('re-import jobs', 'refresh jobs'));
    if (polls.duringRefresh?.saturated) lines.push(busy(polls.duringRefresh.saturated, 'closed loop').replace('re-import jobs', 'refresh jobs'));
  }
  if (memory) {
    lines.push(`Backend RSS: ${memory.bootRssMb} MB at boot (warm-up read ${fixed(memory.warmUpMs)} ms after listening), ${megabytes(memory.afterFirstJob.rss)} MB after job 1, ` +
      `${megabytes(memory.afterLastJob.rss)} MB after job ${memory.lastJob} (V8 heap used ${megabytes(memory.afterFirstJob.heapUsed)} -> ` +
      `${megabytes(memory.afterLastJob.heapUsed)} MB, reserved ${megabytes(memory.afterFirstJob.heapTotal)} -> ${megabytes(memory.afterLastJob.heapTotal)} MB, ` +
      `of which old space ${megabytes(memory.afterFirstJob.spaces.old_space)} -> ${megabytes(memory.afterLastJob.spaces.old_space)} MB; ` +
      `re-import job median ${fixed(memory.reimports.medianElapsedMs)} ms)`);
    lines.push(`Memory by job (MB, each after a forced GC): ${describeCurve(memory.curve)}`);
  }
  if (scale) {
    const times = (runs) => runs.map((r) => r.elapsedMs).join(', ');
    lines.push(`Scale (${scale.products.toLocaleString('en')} products, seeded in ${fixed(scale.seedSeconds)} s): start jobs ${times(scale.runs.start)} ms, ` +
      `end jobs (after id ${scale.endAfterId}) ${times(scale.runs.end)} ms; queries ${scale.runs.start[0].queries.total} vs ${scale.runs.end[0].queries.total}`);
  }
  return lines;
}

export function writeResults(figures, root) {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const date = figures.startedAt.slice(0, 10);
  // A smoke run (npm test) must not overwrite the day's real figures.
  const file = join(dir, figures.mode === 'smoke' ? `${date}-smoke.json` : `${date}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

/** align: one letter per column, "l" or "r". */
function table(align, headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (align[i] === 'l' ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A target's figure: ratios with two decimals, milliseconds and rates without. */
function figure(value) {
  if (value === null || value === undefined) return 'n/a';
  if (!Number.isFinite(value)) return 'errors';
  return Math.abs(value) < 10 ? value.toFixed(2) : value.toFixed(value < 100 ? 1 : 0);
}

function signed(mb) {
  return `${mb >= 0 ? '+' : ''}${mb}`;
}
