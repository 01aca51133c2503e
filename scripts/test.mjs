#!/usr/bin/env node
// `npm test`: everything, on a fresh clone, as CI runs it. Makes sure MariaDB (and, for the browser
// test, Chromium) are there, then runs each suite and ends with one line: "N passed, N failed".
// Node built-ins only until ensureInstalled has run: everything else is imported after it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './browser/ensure-chromium.mjs';
import { ensureInstalled } from './setup/ensure-installed.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
// No npm update notice in the log.
process.env.npm_config_update_notifier = 'false';
await ensureInstalled('test');
const { ensureDatabase } = await import('./db/ensure-db.mjs');
const { currentSourceHash, recordBuild } = await import('./setup/build-stamp.mjs');

const root = join(import.meta.dirname, '..');
const reports = join(root, 'test-artifacts', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0 };
const failedSteps = [];

function step(name, command, args, { cwd = root, report, env = {} } = {}) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  const counts = report && existsSync(report) ? readCounts(report) : { passed: result.status === 0 ? 1 : 0, failed: result.status === 0 ? 0 : 1 };
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

/** Jest's and Vitest's JSON reports share these fields. */
function readCounts(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) };
}

await ensureDatabase();
try {
  ensureChromium();
} catch (error) {
  console.error(`[browser] ${error.message}`); // the browser step then fails with the same reason
}

// The e2e suites start real backend processes from the build, so build first.
const sourceHash = currentSourceHash();
// `npm run demo` then starts from this build instead of making the same one again.
if (step('build (backend and frontend)', 'npm', ['run', 'build'])) recordBuild(sourceHash);
step("scripts: .env.example lists every setting the code reads; install, build and .env helpers; the demo's photo server", 'node', [
  '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/browser/json-summary-reporter.mjs', `--test-reporter-destination=${reports}/scripts.json`,
  'scripts/settings/env-example.test.mjs',
  'scripts/setup/setup.test.mjs',
  'scripts/demo/media-server.test.mjs',
], { report: `${reports}/scripts.json` });
step('backend: type check', 'npx', ['tsc', '--noEmit', '-p', 'backend/tsconfig.json']);
step('API contract: backend/openapi.json and api-types.ts match the code', 'node', ['backend/scripts/openapi.mjs', '--check']);
step('backend: unit tests', 'npx', ['jest', '--config', 'jest.unit.config.js', '--json', `--outputFile=${reports}/backend-unit.json`], {
  cwd: join(root, 'backend'),
  report: `${reports}/backend-unit.json`,
});
step('backend: integration and e2e tests (real MariaDB)', 'npx', ['jest', '--config', 'jest.e2e.config.js', '--runInBand', '--json', `--outputFile=${reports}/backend-e2e.json`], {
  cwd: join(root, 'backend'),
  report: `${reports}/backend-e2e.json`,
});
step('frontend: component tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${reports}/frontend.json`], {
  cwd: join(root, 'frontend'),
  report: `${reports}/frontend.json`,
  // Vitest colours its lines even into a pipe; a log is not a terminal. (Jest and npm ask the terminal.)
  env: process.stdout.isTTY ? {} : { NO_COLOR: '1' },
});
step('frontend: browser tests (Chromium, built backend and frontend, real MariaDB)', 'node', [
  '--test',
  '--test-concurrency=1', // each file starts a whole stack: one at a time on a small machine
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/browser/json-summary-reporter.mjs', `--test-reporter-destination=${reports}/browser.json`,
  'frontend/test/browser/import-products.browser.mjs',
  'frontend/test/browser/products-page.browser.mjs',
], { report: `${reports}/browser.json` });
step('benchmark smoke run (2,000 products)', 'node', ['scripts/bench.mjs', '--products', '2000', '--smoke']);

console.log(failedSteps.length ? `\nFailed: ${failedSteps.join('; ')}` : '\nAll steps passed.');
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
