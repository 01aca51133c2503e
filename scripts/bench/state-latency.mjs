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

/**
 * The dialog opened as an admin opens it: the first answer timed, then asked again (as the dialog
 * does, more often) until the remaining count is there, so what follows does not share the cores
 * with the count the backend makes at boot.
 */
export async function openDialog(backend) {
  const first = await timeState(backend);
  const started = performance.now() - first.ms;
  for (let state = first; state.body.remaining === null; ) {
    await sleep(50);
    state = await timeState(backend);
  }
  return { firstMs: first.ms, firstCounting: first.body.remaining === null, countedAfterMs: performance.now() - started };
}

/**
 * `requests` GETs, `gapMs` apart; or, with `until` (a promise), as many as fit before it settles
 * (e.g. while jobs run).
 */
export async function stateLatency(backend, { where, requests = 40, gapMs = 50, jobRunning = false, until }) {
  const times = [];
  let estimated = 0;
  let over = false;
  const end = () => (over = true);
  until?.then(end, end);
  for (let i = 0; until ? !over : i < requests; i++) {
    const { ms, body } = await timeState(backend);
    times.push(ms);
    if (body.remaining_estimated) estimated += 1;
    await sleep(gapMs);
  }
  return { where, jobRunning, requests: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: percentile(times, 100), estimated };
}
