// The demo's servers: backend and frontend started from the build in process groups of their own
// (so nothing they fork outlives them), and the shop's photos served from this process; announced
// only once all answer, and stopped together.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKEND_NODE_FLAGS } from '../../backend/node-flags.mjs';
import { seconds } from '../setup/timed-step.mjs';
import { startMediaServer } from './media-server.mjs';

const root = join(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 120_000;

export async function startServers({ started, log }) {
  const host = process.env.HOST || '127.0.0.1';
  const backendPort = process.env.PORT || '3001';
  const frontendPort = process.env.FRONTEND_PORT || '3000';
  // A wildcard address is not one to browse to: show the loopback one.
  const shown = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host;
  const backendUrl = `http://${shown}:${backendPort}`;
  const frontendUrl = `http://${shown}:${frontendPort}`;
  // A fixed port: the image URLs an import writes must still work after the demo restarts.
  const media = await startMediaServer({ host, port: Number(process.env.DEMO_MEDIA_PORT || 3002), shownHost: shown });
  const env = { ...process.env, HOST: host, PORT: backendPort, FRONTEND_PORT: frontendPort, MAGENTO_MEDIA_BASE_URL: media.url };

  const servers = [
    startServer('backend', process.execPath, [...BACKEND_NODE_FLAGS, 'backend/dist/src/main.js'], root, env),
    startServer('frontend', process.execPath, ['server.mjs'], join(root, 'frontend'), env),
  ];
  let stopping = false;
  const stopAll = async (reason, code) => {
    if (stopping) return;
    stopping = true;
    log(`${reason}: stopping backend, frontend and the photo server…`);
    await Promise.all([...servers.map((server) => server.stop()), media.close()]);
    log('stopped backend, frontend and the photo server');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll('Ctrl-C (SIGINT)', 0));
  process.on('SIGTERM', () => void stopAll('SIGTERM', 0));
  for (const server of servers) {
    server.exited.then(([code, signal]) => void stopAll(`the ${server.name} exited (${signal ?? `code ${code}`})`, 1));
  }

  log(`starting backend on ${backendUrl} and frontend on ${frontendUrl}; waiting until both answer…`);
  const basic = `Basic ${Buffer.from(`${process.env.ADMIN_USER}:${process.env.ADMIN_PASSWORD}`).toString('base64')}`;
  const ready = await Promise.all([
    waitUntil(`${backendUrl}/api/health`, {}, async (response) => response.ok && (await response.json()).status === 'ok'),
    waitUntil(`${frontendUrl}/admin/products`, { authorization: basic }, async (response) => response.ok),
  ]);
  if (!ready.every(Boolean)) return stopAll(`not ready within ${READY_TIMEOUT_MS / 1000} s`, 1);
  if (stopping) return;
  console.log(`
[demo] ready in ${seconds(started)}: backend health is ok and the admin page answers.
[demo] Lookbook admin:  ${frontendUrl}/admin/products   (user ${process.env.ADMIN_USER}, password ${process.env.ADMIN_PASSWORD})
[demo] API docs:        ${backendUrl}/api/docs
[demo] Shop photos:     ${media.url}catalog/product/…   (generated here; nothing is fetched from elsewhere)
[demo] Ctrl-C stops them all.`);
}

function startServer(name, command, args, cwd, env) {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit', detached: true });
  const exited = once(child, 'exit');
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    name,
    exited,
    async stop() {
      signalGroup('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      // The parent may be gone while a forked child still listens: make sure of the whole group.
      signalGroup('SIGKILL');
      if (!stopped) await exited;
    },
  };
}

/** Polls `url` until `isReady(response)`; false after READY_TIMEOUT_MS. */
async function waitUntil(url, headers, isReady) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if (await isReady(await fetch(url, { headers }))) return true;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  return false;
}
