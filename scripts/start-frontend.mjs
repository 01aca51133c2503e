// `npm run start:frontend`: the built admin page (`npm run build`) against the backend of `.env`.
// Next reads only frontend/.env* by itself; this reads the root .env, the one the backend and the
// scripts read (BACKEND_URL, ADMIN_API_TOKEN, ADMIN_USER, ADMIN_PASSWORD, HOST, FRONTEND_PORT), so
// one file configures the whole product. Variables already set win, as everywhere.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadEnv } from './db/env.mjs';

loadEnv();
const host = process.env.HOST || '127.0.0.1';
const port = process.env.FRONTEND_PORT || '3000';
const root = join(import.meta.dirname, '..');
const next = spawn(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', host, '-p', port], {
  cwd: join(root, 'frontend'),
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: 'inherit',
});
// Ctrl-C reaches Next through the terminal; a plain kill of this process is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => next.kill(signal));
next.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
