// Starts the backend worker (backend-worker.mjs) in a child process and calls it over IPC.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { BACKEND_NODE_FLAGS } from '../../backend/node-flags.mjs';

// The worker runs with the backend's own flags; --expose-gc lets it collect before reading memory.
const WORKER = join(import.meta.dirname, 'backend-worker.mjs');

export const BENCH_TOKEN = 'bench-admin-token-0123456789abcdef0123456789';

/**
 * The backend configuration for the bench: its databases, and every import setting spelled out so
 * a variable in the caller's shell cannot change what is measured (no test delay; the stock source
 * and table prefix of the shop shape seeded, legacy and none by default; the shop's own base URLs,
 * which the floor writes too).
 */
export function benchEnv({ magentoUrl, lookbookUrl, chunkSize, shape = {} }) {
  return {
    MYSQL_SHOP_URL: magentoUrl,
    LOOKBOOK_DB_URL: lookbookUrl,
    ADMIN_API_TOKEN: BENCH_TOKEN,
    MAGENTO_STORE_ID: '1',
    MAGENTO_STOCK_SOURCE: shape.stock ?? 'legacy',
    MAGENTO_TABLE_PREFIX: shape.tablePrefix ?? '',
    IMPORT_INCLUDE_NOT_VISIBLE: 'false',
    MAGENTO_BASE_URL: '',
    MAGENTO_MEDIA_BASE_URL: '',
    IMPORT_CHUNK_SIZE: chunkSize ? String(chunkSize) : '', // empty: the backend's default
    IMPORT_TEST_SOURCE_DELAY_MS: '0',
    IMPORT_HEARTBEAT_INTERVAL_MS: '',
    IMPORT_STALE_AFTER_MS: '',
    CORS_ORIGINS: '',
  };
}

export async function startBackend(env) {
  const child = fork(WORKER, [], {
    execArgv: ['--expose-gc', ...BACKEND_NODE_FLAGS],
    // Only what the worker needs: the bench's own environment holds the developer's .env by now.
    env: { PATH: process.env.PATH, BENCH_BACKEND_DIST: process.env.BENCH_BACKEND_DIST ?? '', ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  const listeners = new Set();
  let nextId = 0;
  let exited = null;

  child.on('message', (message) => {
    if (message.event) return listeners.forEach((listener) => listener(message));
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) call?.reject(Object.assign(new Error(message.error.message), { workerStack: message.error.stack }));
    else call?.resolve(message.result);
  });
  child.on('exit', (code, signal) => {
    exited = `backend worker exited (${signal ?? `code ${code}`})`;
    for (const call of pending.values()) call.reject(new Error(exited));
    pending.clear();
  });

  const call = (method, args) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(exited));
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, method, args });
    });

  const started = await call('start');
  return {
    ...started,
    baseUrl: `http://127.0.0.1:${started.port}`,
    /**
     * Runs one job to its end; resolves to { job, queries, jobsRun } and rejects unless it completed.
     * `cursorAt` first places the resume cursor there.
     */
    async runJob(params, { cursorAt } = {}) {
      const result = await call('runJob', { params, cursorAt });
      if (result.job?.status !== 'completed') {
        throw new Error(`import job ${result.job?.id} ${result.job?.status}: ${result.job?.error_message ?? 'no message'}`);
      }
      return result;
    },
    memory: () => call('memory'),
    /** Called with { event: 'jobStarted', jobId } as each job is queued. */
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => undefined);
      await gone;
    },
    kill: () => exited || child.kill(),
  };
}
