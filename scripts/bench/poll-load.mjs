// A bounded load of job polls (GET /api/admin/product-import/jobs/:id) on the real HTTP server:
// first against a finished job with nothing else running (what the machine and the HTTP stack can
// do), then while import jobs run back to back, each poll asking for the job running at that
// moment, so polls compete with a job for the backend's event loop, its Lookbook connection pool
// and the server's CPU. Two shapes: paced, each poller asking at a fixed rate as the admin UI does
// (once a second; see paced-pollers.mjs), which is what "N pollers" means for this product; and
// closed loop (autocannon), each connection sending its next poll as soon as it has an answer,
// which measures the most the backend can answer (there, latency is connections / throughput).
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { BENCH_TOKEN } from './backend.mjs';
import { pacedPolls } from './paced-pollers.mjs';
import { stateLatency } from './state-latency.mjs';
import { median } from './stats.mjs';

const JOBS_PATH = '/api/admin/product-import/jobs';
const AUTH = { authorization: `Bearer ${BENCH_TOKEN}` };

function assertLoopback(backend) {
  if (new URL(backend.baseUrl).hostname !== '127.0.0.1') throw new Error('the poll load only targets loopback');
}

const jobPath = (jobId) => `${JOBS_PATH}/${jobId}`;

/**
 * Runs autocannon against one job's path. onClient(client) receives each connection's client, whose
 * request can be switched to another job with client.setRequests. (A per-request setupRequest would
 * rebuild every request and make the load generator, not the server, the bottleneck on two cores.)
 */
function load(backend, { seconds, connections, jobId, onClient = () => undefined }) {
  assertLoopback(backend);
  return autocannon({
    // autocannon takes the path from the URL; `requests` (see setRequests below) override it.
    url: `${backend.baseUrl}${jobPath(jobId)}`,
    connections,
    duration: seconds,
    // Untimed first: the first requests compile the route's code paths, which is not what is measured.
    warmup: { connections, duration: Math.max(1, Math.round(seconds / 10)) },
    headers: AUTH,
    method: 'GET',
    setupClient: onClient,
  });
}

/** Polls of one finished job while no job runs. */
export async function pollFinishedJob(backend, { seconds, connections, jobId }) {
  const result = await load(backend, { seconds, connections, jobId });
  return summarize(result);
}

/**
 * Polls while jobs run back to back; jobParams(i) gives the i-th job (re-imports of a job's worth).
 * Jobs keep starting until the load ends; the one running then is finished before this resolves.
 * pollsPerSecondEach paces each connection; without it, the load is closed loop. withState: the
 * dialog's GET /state is timed meanwhile too, one request after another (result.state).
 */
export async function pollWhileJobsRun(backend, { seconds, connections, jobParams, pollsPerSecondEach, withState = false }) {
  assertLoopback(backend);
  let currentJobId = null;
  const clients = new Set();
  // setRequests (not setRequest, which lasts one request) replaces what the client sends from now on.
  const pointAt = (client) => client.setRequests([{ method: 'GET', path: jobPath(currentJobId), headers: AUTH }]);
  let stopListening;
  const firstJobStarted = new Promise((resolve) => {
    stopListening = backend.onEvent((event) => {
      if (event.event !== 'jobStarted') return;
      currentJobId = event.jobId;
      clients.forEach(pointAt);
      resolve();
    });
  });

  let loadRunning = true;
  const jobs = [];
  const jobLoop = (async () => {
    for (let i = 0; loadRunning; i++) {
      const start = performance.now();
      const { job, loopDelay } = await backend.runJob(jobParams(i));
      jobs.push({ start, end: performance.now(), elapsedMs: job.metrics.elapsed_ms, loopDelay });
    }
  })();
  jobLoop.catch(() => undefined); // a failed job is reported where the loop is awaited, below

  const window = {};
  let result;
  try {
    await Promise.race([firstJobStarted, jobLoop]);
    window.start = performance.now();
    const onClient = (client) => {
      clients.add(client);
      pointAt(client);
    };
    const polling = pollsPerSecondEach
      ? pacedPolls({
          baseUrl: backend.baseUrl,
          seconds,
          pollers: connections,
          intervalMs: 1000 / pollsPerSecondEach,
          path: () => jobPath(currentJobId),
          headers: AUTH,
        })
      : load(backend, { seconds, connections, jobId: currentJobId, onClient }).then(summarize);
    const state = withState ? stateLatency(backend, { where: 'cursor as the jobs leave it', jobRunning: true, until: polling }) : undefined;
    result = { ...(await polling), ...(state && { state: await state }) };
    window.end = performance.now();
  } finally {
    loadRunning = false;
    await jobLoop;
    stopListening();
  }
  const overlap = (job) => Math.max(0, Math.min(job.end, window.end) - Math.max(job.start, window.start));
  return {
    ...result,
    pollsPerSecondEach: pollsPerSecondEach ?? null,
    jobsRun: jobs.length,
    jobMedianElapsedMs: median(jobs.map((job) => job.elapsedMs)),
    // The jobs' longest event-loop hold, with how much of it the backend ran and how much it waited
    // for a core: whether slow answers are the backend's work or the host's (the load generator shares the cores).
    longestLoopDelay: jobs.reduce((worst, job) => (!worst || job.loopDelay.ms > worst.ms ? job.loopDelay : worst), null),
    // The share of the load window with a job running (the gaps are the few ms between jobs).
    jobRunningShare: jobs.reduce((sum, job) => sum + overlap(job), 0) / (window.end - window.start),
  };
}

function summarize(result) {
  return {
    connections: result.connections,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
