// Pollers that behave like the admin UI: each asks for the job once per interval, on a keep-alive
// connection, starting at its own moment (tabs are opened at different times). autocannon's rate
// option does not fit: it fires every connection in the same instant each second, a burst of 50
// requests no set of browser tabs would send.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile, tenths } from './stats.mjs';

const REQUEST_TIMEOUT_MS = 10_000;

/** path() is read at each poll, so the pollers can follow the job running at that moment. */
export async function pacedPolls({ baseUrl, seconds, pollers, intervalMs, path, headers }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: pollers });
  const latencies = [];
  /** How late each poll went out after it was due, on this process's side: not counted in its latency. */
  const lateness = [];
  const counts = { ok2xx: 0, non2xx: 0, errors: 0, timeouts: 0 };
  /** What each failed request failed with (e.g. ECONNRESET), so a failure can be told from a flake. */
  const errorReasons = {};
  const startedAt = performance.now();
  const endsAt = startedAt + seconds * 1000;

  const poller = async () => {
    let due = startedAt + Math.random() * intervalMs;
    /** When this poller's previous answer arrived. */
    let answeredAt = -Infinity;
    while (due < endsAt) {
      await sleep(due - performance.now());
      const sentAt = performance.now();
      // The pollers share the host's two cores with the backend and MariaDB, so their own timers
      // fire late at times (this process waiting for a core): a browser elsewhere has no such wait.
      // A poll is timed from when it went out, unless the previous answer came after it was due:
      // then from when it was due, so an answer that delays the next poll counts in full.
      lateness.push(sentAt - Math.max(due, answeredAt));
      const timedFrom = answeredAt > due ? due : sentAt;
      const outcome = await get(agent, `${baseUrl}${path()}`, headers, errorReasons);
      answeredAt = performance.now();
      counts[outcome] += 1;
      if (outcome === 'ok2xx') latencies.push(answeredAt - timedFrom);
      due += intervalMs;
    }
  };
  await Promise.all(Array.from({ length: pollers }, poller));
  agent.destroy();

  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const requests = counts.ok2xx + counts.non2xx + counts.errors + counts.timeouts;
  const ms = (p) => tenths(percentile(latencies, p));
  return {
    connections: pollers,
    seconds: elapsedSeconds,
    requests,
    requestsPerSecond: requests / elapsedSeconds,
    latencyMs: { p50: ms(50), p90: ms(90), p99: ms(99), max: ms(100) },
    pollerLateMs: { p99: tenths(percentile(lateness, 99)), max: tenths(percentile(lateness, 100)) },
    ...counts,
    errorReasons,
  };
}

/**
 * One GET. A keep-alive connection the server closed for idleness just as the request went out
 * fails with ECONNRESET; as a browser does (and Node's http docs advise), such a request on a reused
 * connection is sent once more, on a new one, and its time counts from the first attempt.
 */
async function get(agent, url, headers, errorReasons) {
  const outcome = await getOnce(agent, url, headers);
  const retried = outcome.resetOnReusedSocket ? await getOnce(agent, url, headers) : outcome;
  if (retried.error) errorReasons[retried.error] = (errorReasons[retried.error] ?? 0) + 1;
  return retried.result;
}

function getOnce(agent, url, headers) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.resume();
      response.on('end', () => resolve({ result: response.statusCode >= 200 && response.statusCode < 300 ? 'ok2xx' : 'non2xx' }));
    });
    request.on('timeout', () => {
      request.destroy();
      resolve({ result: 'timeouts' });
    });
    request.on('error', (error) => {
      const reason = error.code ?? error.message;
      resolve({ result: 'errors', error: reason, resetOnReusedSocket: request.reusedSocket && reason === 'ECONNRESET' });
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
