// Runs a long command with its output passing through, says before what it does and roughly how
// long it takes, reports every 15 s that it is still at it, and ends with the time it took.
// Node built-ins only: it runs `npm ci` before anything else is installed.
import { spawn } from 'node:child_process';

const STILL_RUNNING_EVERY_MS = 15_000;

/** `what` reads after "still": e.g. "installing npm packages"; `note` says why and how long. */
export async function timedStep(prefix, { what, note }, command, args, options = {}) {
  const started = Date.now();
  console.log(`[${prefix}] ${what} (${note})`);
  const ticker = setInterval(() => console.log(`[${prefix}]   … still ${what}, ${seconds(started)} so far`), STILL_RUNNING_EVERY_MS);
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: 'inherit', ...options });
      child.on('error', reject);
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? signal));
    });
    if (code !== 0) throw new Error(`${[command, ...args].join(' ')} failed (${code})`);
  } finally {
    clearInterval(ticker);
  }
  console.log(`[${prefix}] ${what}: done in ${seconds(started)}`);
}

export const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;
