// The import jobs the bench runs through the backend worker, and the figures taken from each.
import { openDialog } from './state-latency.mjs';
import { median } from './stats.mjs';

/** One finished job as the report shows it. afterId is where the job started. */
function jobFigures(afterId, { job, queries, loopDelay, majorGcMaxMs, connectionsOpened }) {
  const m = job.metrics;
  return {
    id: job.id,
    afterId,
    lastId: m.last_processed_source_id,
    processed: m.processed,
    inserted: m.inserted,
    updated: m.updated,
    unchanged: m.unchanged,
    skipped: m.skipped,
    errors: m.errors_count,
    elapsedMs: m.elapsed_ms,
    productsPerSecond: m.elapsed_ms > 0 ? Math.round((m.processed / m.elapsed_ms) * 1000) : null,
    queries: { total: queries.total, ...queries.bySource },
    // Database connections the process opened while the job ran (its pools' new connections).
    connectionsOpened,
    // The longest interval without a turn of the event loop, and how much of it the thread ran.
    loopDelay,
    majorGcMaxMs,
    queryKinds: queries.byKind,
  };
}

/**
 * Imports every eligible product with resume jobs of `jobSize`, as an admin clicking "import next"
 * would, until a job finds nothing left.
 * As for the admin, the dialog opens first (GET /state): on a backend just started, that waits for
 * the count it makes at boot, which the first job would otherwise share the cores with.
 */
export async function importEverything(backend, { jobSize }) {
  await openDialog(backend);
  const jobs = [];
  let cursor = 0;
  for (;;) {
    const result = await backend.runJob({ limit: jobSize, resumeFromLast: true, startAfterId: null });
    if (result.job.metrics.processed === 0) break;
    jobs.push(jobFigures(cursor, result));
    cursor = result.job.metrics.last_processed_source_id;
    if (result.job.metrics.processed < jobSize) break;
  }
  return { jobs, total: totals(jobs), queryKinds: sumKinds(jobs) };
}

function totals(jobs) {
  const sum = (pick) => jobs.reduce((total, job) => total + pick(job), 0);
  const elapsedMs = sum((j) => j.elapsedMs);
  const processed = sum((j) => j.processed);
  return {
    jobs: jobs.length,
    processed,
    inserted: sum((j) => j.inserted),
    skipped: sum((j) => j.skipped),
    errors: sum((j) => j.errors),
    elapsedMs,
    productsPerSecond: elapsedMs > 0 ? Math.round((processed / elapsedMs) * 1000) : null,
    queries: sum((j) => j.queries.total),
    loopMaxMs: Math.max(0, ...jobs.map((j) => j.loopDelay.ms)),
    // The first job here is the backend process's first: its code not yet optimized, its boot heap not yet collected.
    firstJob: { loopDelay: jobs[0]?.loopDelay ?? null, majorGcMaxMs: jobs[0]?.majorGcMaxMs ?? null },
    laterJobsLoopDelay: longestDelay(jobs.slice(1)),
    fullJobs: summarizeFullJobs(jobs),
    ...firstAgainstWarm(jobs),
  };
}

/**
 * The process's first job against its warm ones (the later jobs of the same size): the ratio of
 * their times, and for both the queries, connections opened and time per statement kind, which
 * tell a slow first job's cause (pools opened lazily, metadata read once, code not yet optimized).
 */
function firstAgainstWarm(jobs) {
  const [first, ...later] = jobs;
  const warm = later.filter((job) => job.processed === first?.processed);
  if (!first || warm.length === 0) return { firstJobRatio: null, warmMedianMs: null, firstJobProbe: null, warmProbe: null };
  const warmMedianMs = median(warm.map((job) => job.elapsedMs));
  const mean = (pick) => warm.reduce((sum, job) => sum + pick(job), 0) / warm.length;
  const kinds = {};
  for (const job of warm) {
    for (const [kind, { count, ms }] of Object.entries(job.queryKinds)) {
      const entry = (kinds[kind] ??= { count: 0, ms: 0 });
      entry.count += count / warm.length;
      entry.ms += ms / warm.length;
    }
  }
  return {
    firstJobRatio: first.elapsedMs / warmMedianMs,
    warmMedianMs,
    firstJobProbe: { elapsedMs: first.elapsedMs, queries: first.queries.total, connectionsOpened: first.connectionsOpened, kinds: first.queryKinds },
    warmProbe: { elapsedMs: warmMedianMs, queries: mean((job) => job.queries.total), connectionsOpened: mean((job) => job.connectionsOpened), kinds },
  };
}

/** The loop delay of the job that had the longest, or null without jobs. */
function longestDelay(jobs) {
  return jobs.reduce((worst, job) => (worst === null || job.loopDelay.ms > worst.ms ? job.loopDelay : worst), null);
}

/** Median and worst elapsed time of the jobs that processed a whole job's worth. */
function summarizeFullJobs(jobs) {
  const full = jobs.filter((j) => j.processed === Math.max(...jobs.map((x) => x.processed)));
  const times = full.map((j) => j.elapsedMs);
  return { count: full.length, size: full[0]?.processed ?? 0, medianMs: median(times), worstMs: times.length ? Math.max(...times) : null };
}

/**
 * Statement kinds over all jobs, per job on average: how many, and the time from sending them to
 * having their results (round trip, server work and result parsing), which shows where a job waits.
 */
function sumKinds(jobs) {
  const kinds = {};
  for (const job of jobs) {
    for (const [kind, { count, ms }] of Object.entries(job.queryKinds)) {
      const entry = (kinds[kind] ??= { count: 0, ms: 0 });
      entry.count += count;
      entry.ms += ms;
    }
    delete job.queryKinds;
  }
  return Object.fromEntries(
    Object.entries(kinds)
      .sort(([, a], [, b]) => b.ms - a.ms)
      .map(([kind, { count, ms }]) => [kind, { perJob: +(count / jobs.length).toFixed(2), msPerJob: +(ms / jobs.length).toFixed(1) }]),
  );
}

/**
 * Re-import jobs (resumeFromLast false) cycling over the given start ids until the process has run
 * `untilJobsRun` jobs in all; resolves to their figures.
 */
export async function reimportUntil(backend, { startIds, jobSize, untilJobsRun, sampleEvery }) {
  const jobs = [];
  // The process's memory after its first job and every `sampleEvery` jobs (after a forced GC): where growth shows first.
  const curve = [];
  for (let i = 0, jobsRun = 0; jobsRun < untilJobsRun; i++) {
    const afterId = startIds[i % startIds.length];
    const result = await backend.runJob({ limit: jobSize, resumeFromLast: false, startAfterId: afterId });
    jobsRun = result.jobsRun;
    jobs.push(jobFigures(afterId, result));
    if (jobsRun === 1 || (sampleEvery && jobsRun % sampleEvery === 0 && jobsRun < untilJobsRun)) curve.push(await backend.memory());
  }
  return { jobs: jobs.length, medianElapsedMs: median(jobs.map((j) => j.elapsedMs)), medianQueries: median(jobs.map((j) => j.queries.total)), curve };
}

/**
 * A job at the start of the cursor against one near its end, alternately, `rounds` times. The first
 * round inserts into an empty Lookbook; the later ones re-import unchanged rows. Resume jobs, as the
 * admin runs them, with the cursor placed before each: their statements compare with the demo
 * catalog's jobs one for one (a job given a start id has no cursor to read: one statement fewer).
 */
export async function startVersusEnd(backend, { jobSize, endAfterId, rounds }) {
  const runs = { start: [], end: [] };
  for (let round = 0; round < rounds; round++) {
    for (const [where, afterId] of [['start', 0], ['end', endAfterId]]) {
      const result = await backend.runJob({ limit: jobSize, resumeFromLast: true, startAfterId: null }, { cursorAt: afterId });
      const figures = jobFigures(afterId, result);
      delete figures.queryKinds;
      runs[where].push(figures);
    }
  }
  const ratio = (pick) => {
    const start = pick(runs.start);
    return start > 0 ? pick(runs.end) / start : null;
  };
  return {
    endAfterId,
    runs,
    insertRatio: ratio((r) => r[0].elapsedMs),
    reimportRatio: rounds > 1 ? ratio((r) => median(r.slice(1).map((x) => x.elapsedMs))) : null,
  };
}
