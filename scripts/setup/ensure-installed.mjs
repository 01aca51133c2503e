// Installs the locked npm packages when node_modules is missing or older than package-lock.json,
// so `npm test` and `npm run demo` work first on a fresh clone. Node built-ins only: nothing else
// is installed yet when it runs, so the scripts import everything else after it.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { timedStep } from './timed-step.mjs';

const ROOT = join(import.meta.dirname, '../..');

export function installIsCurrent(root = ROOT) {
  // npm writes node_modules/.package-lock.json, a copy of the lockfile, at the end of every install.
  const installedLock = join(root, 'node_modules', '.package-lock.json');
  return existsSync(installedLock) && statSync(installedLock).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

export async function ensureInstalled(prefix, root = ROOT) {
  if (installIsCurrent(root)) return;
  const why = existsSync(join(root, 'node_modules')) ? 'package-lock.json changed since the last install' : 'first run';
  const what = 'installing npm packages with npm ci';
  // Errors only: npm's notices (install scripts it lists for review, update offers) are not ours to
  // act on and would only crowd the log of every first run.
  await timedStep(prefix, { what, note: `${why}; about 1 min on 2 cores` }, 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root });
}
