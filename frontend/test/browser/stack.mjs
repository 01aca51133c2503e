// The whole product for a browser test, started from the build as `npm run demo` starts it, but on
// fresh databases and free ports, and stopped again whatever happened.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { BACKEND_NODE_FLAGS } from '../../../backend/node-flags.mjs';
import { loadEnv } from '../../../scripts/db/env.mjs';
import { startMediaServer } from '../../../scripts/demo/media-server.mjs';

const root = join(import.meta.dirname, '../../..');
/**
 * Every other backend setting, spelled out: the backend fills whatever is unset from the
 * developer's .env, which must not change what the test sees. Empty means the backend's default.
 */
const BACKEND_DEFAULTS = {
  HOST: '127.0.0.1',
  LOG_FORMAT: '',
  SHOP_CURRENCY: '',
  MAGENTO_STORE_ID: '1',
  MAGENTO_STOCK_SOURCE: 'legacy',
  IMPORT_INCLUDE_NOT_VISIBLE: 'false',
  IMPORT_CHUNK_SIZE: '',
  IMPORT_HEARTBEAT_INTERVAL_MS: '',
  IMPORT_STALE_AFTER_MS: '',
  IMPORT_TEST_SOURCE_DELAY_MS: '',
  CORS_ORIGINS: '',
  JOB_REQUESTS_PER_MINUTE: '',
  AUTH_FAILURES_PER_MINUTE: '',
  MAGENTO_QUERY_TIMEOUT_MS: '',
  MAGENTO_STATE_QUERY_TIMEOUT_MS: '',
  TRUST_PROXY: '',
  MAGENTO_BASE_URL: '',
};

/**
 * Starts a Magento catalog of `products` (generated with `seed`), a migrated empty Lookbook, the
 * demo's photo server (`mediaUrl`, the backend's MAGENTO_MEDIA_BASE_URL), the backend and the Next
 * server. `backendEnv` is added to the backend's environment. `login` is the admin's HTTP Basic
 * user and password; `admin` a database connection for reading what was written.
 */
export async function startStack({ products, seed, backendEnv = {} }) {
  const stack = { processes: [], databases: null, media: null };
  try {
    stack.databases = await createDatabases();
    const { magentoUrl, lookbookUrl } = stack.databases;
    npm(['run', 'magento:seed', '--', '--products', String(products), '--seed', String(seed), '--url', magentoUrl]);
    npm(['run', 'db:migrate'], { LOOKBOOK_DB_URL: lookbookUrl });

    stack.media = await startMediaServer();
    const token = randomBytes(24).toString('hex');
    const login = { username: 'admin', password: randomBytes(9).toString('base64url') };
    const [backendPort, frontendPort] = [await freePort(), await freePort()];
    const backendUrl = `http://127.0.0.1:${backendPort}`;
    const frontendUrl = `http://127.0.0.1:${frontendPort}`;

    const backendSettings = {
      PATH: process.env.PATH,
      ...BACKEND_DEFAULTS,
      MYSQL_SHOP_URL: magentoUrl,
      LOOKBOOK_DB_URL: lookbookUrl,
      ADMIN_API_TOKEN: token,
      PORT: String(backendPort),
      MAGENTO_MEDIA_BASE_URL: stack.media.url,
      ...backendEnv,
    };
    const startBackend = async (env, { healthy = true } = {}) => {
      const backend = startProcess('backend', process.execPath, [...BACKEND_NODE_FLAGS, 'backend/dist/src/main.js'], root, { ...backendSettings, ...env });
      stack.processes[0] = backend;
      await waitForHttp(`${backendUrl}/api/health`, {}, backend, { healthy });
    };
    await startBackend({});

    stack.processes.push(
      startProcess('frontend', process.execPath, ['server.mjs'], join(root, 'frontend'), {
        ...process.env,
        HOST: '127.0.0.1',
        FRONTEND_PORT: String(frontendPort),
        NEXT_TELEMETRY_DISABLED: '1',
        BACKEND_URL: backendUrl,
        ADMIN_API_TOKEN: token,
        ADMIN_USER: login.username,
        ADMIN_PASSWORD: login.password,
      }),
    );
    const basic = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
    await waitForHttp(`${frontendUrl}/admin/products`, { authorization: basic }, stack.processes[1]);

    /** Starts the backend again on its port with `env` added (e.g. a shop that does not answer); it need not be healthy. */
    const restartBackend = async (env) => {
      await stack.processes[0].stop();
      await startBackend(env, { healthy: false });
    };
    return { ...stack.databases, frontendUrl, mediaUrl: stack.media.url, login, restartBackend, stop: () => stopStack(stack) };
  } catch (error) {
    await stopStack(stack);
    throw error;
  }
}

async function stopStack({ processes, databases, media }) {
  await Promise.all([...processes.map((child) => child.stop()), media?.close()]);
  await databases?.drop();
}

/** A fresh pair of empty t_* databases as TEST_DB_URL's user (as the backend e2e tests make them). */
async function createDatabases() {
  loadEnv();
  if (!process.env.TEST_DB_URL) throw new Error('TEST_DB_URL is not set: run `node scripts/db/ensure-db.mjs` (see .env.example)');
  const base = new URL(process.env.TEST_DB_URL);
  const tag = `t_browser_${randomBytes(3).toString('hex')}`;
  const names = { magento: `${tag}_magento`, lookbook: `${tag}_lookbook` };
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  for (const name of Object.values(names)) {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  const urlFor = (database) => Object.assign(new URL(base.toString()), { pathname: `/${database}` }).toString();
  return {
    magentoUrl: urlFor(names.magento),
    lookbookUrl: urlFor(names.lookbook),
    lookbookDb: names.lookbook,
    magentoDb: names.magento,
    /** A connection with no default database, for reading what the import wrote. */
    admin,
    async drop() {
      for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

function npm(args, env = {}) {
  execFileSync('npm', ['--silent', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Runs in its own process group, so stop() also ends anything it spawned. */
function startProcess(name, command, args, cwd, env) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  return {
    name,
    get output() {
      return output;
    },
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      if (!this.running) return;
      signalGroup(child.pid, 'SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!stopped) signalGroup(child.pid, 'SIGKILL');
      await exited;
    },
  };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

async function waitForHttp(url, headers, child, { healthy = true, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.running) throw new Error(`${child.name} exited before answering:\n${child.output}`);
    try {
      const response = await fetch(url, { headers });
      if (response.ok || !healthy) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${child.output}`);
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}
