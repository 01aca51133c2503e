// How long the import dialog waits for GET /state, as an admin opening it would: sequential
// requests, each timed from sending to the whole answer, optionally while jobs run.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_TOKEN } from './backend.mjs';
import { percentile } from './stats.mjs';

const STATE = '/api/admin/product-import/state';

/** One timed GET /state; rejects on anything but 200. */
export async function timeState(backend) {
  const started = performance.now();
  const response = await fetch(`${backend.baseUrl}${STATE}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`GET /state answered ${response.status}: ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

/** `requests` GETs, `gapMs` apart, until `until()` resolves too when given (e.g. while a job runs). */
export async function stateLatency(backend, { where, requests = 40, gapMs = 50, jobRunning = false }) {
  const times = [];
  let estimated = 0;
  for (let i = 0; i < requests; i++) {
    const { ms, body } = await timeState(backend);
    times.push(ms);
    if (body.remaining_estimated) estimated += 1;
    await sleep(gapMs);
  }
  return { where, jobRunning, requests, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: percentile(times, 100), estimated };
}
