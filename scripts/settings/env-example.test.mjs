// .env.example lists every setting the code reads, and nothing else: the backend, the frontend
// and the scripts are scanned for the environment variables they read.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const SOURCES = ['backend/src', 'backend/scripts', 'frontend/app', 'frontend/features', 'frontend/lib', 'frontend/proxy.ts', 'frontend/server.mjs', 'frontend/next.config.ts', 'scripts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.next', 'test', 'testing']);
const IS_TEST = /\.(spec|test)\.(ts|tsx|mjs)$/;

/** Read by the code, but not settings a user makes: each with the reason. */
const NOT_SETTINGS = {
  PATH: 'handed on to child processes',
  NODE_ENV: 'set by Next and by the scripts that start processes',
  BENCH_BACKEND_DIST: "set by the benchmark's own --backend-dist option for its worker",
  IMPORT_TEST_SOURCE_DELAY_MS: 'test-only: slows jobs down so tests can interrupt them',
};

const READS = [
  /process\.env\.([A-Z][A-Z0-9_]+)\b(?!\s*=[^=])/g, // process.env.NAME, not an assignment to it
  /process\.env\[\s*['"]([A-Z][A-Z0-9_]+)['"]\s*\]/g,
  /(?<!process\.)\benv\.([A-Z][A-Z0-9_]+)\b/g, // the backend's loadAppConfig(env) and the logger's env
  /\(env, '([A-Z][A-Z0-9_]+)'/g, // app-config's integer(env, 'NAME', …) and friends
  /\bsetting: '([A-Z][A-Z0-9_]+)'/g, // scripts/db/database-roles.mjs
];

function* sourceFiles(path) {
  if (!existsSync(path)) return;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    yield path;
    return;
  }
  for (const entry of entries) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(child);
    else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && !IS_TEST.test(entry.name) && !entry.name.endsWith('.d.ts')) yield child;
  }
}

/** Setting name → the files that read it. */
function settingsReadByCode(sources = SOURCES) {
  const reads = new Map();
  for (const file of sources.flatMap((source) => [...sourceFiles(join(root, source))])) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of READS) {
      for (const [, name] of text.matchAll(pattern)) {
        if (name in NOT_SETTINGS) continue;
        reads.set(name, [...(reads.get(name) ?? []), relative(root, file)]);
      }
    }
  }
  return reads;
}

/** Names in an example file, set (NAME=…) or shown commented out (# NAME=…). */
function namesIn(file) {
  return new Set([...readFileSync(join(root, file), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map(([, name]) => name));
}

test('every setting the code reads is in .env.example', () => {
  const listed = namesIn('.env.example');
  const missing = [...settingsReadByCode()].filter(([name]) => !listed.has(name)).map(([name, files]) => `${name} (read in ${[...new Set(files)].join(', ')})`);
  assert.deepEqual(missing, []);
});

test('.env.example lists nothing the code does not read', () => {
  const read = settingsReadByCode();
  assert.deepEqual([...namesIn('.env.example')].filter((name) => !read.has(name)), []);
});

test("frontend/.env.example lists only settings the frontend's own code reads", () => {
  const read = settingsReadByCode(SOURCES.filter((source) => source.startsWith('frontend/')));
  assert.deepEqual([...namesIn('frontend/.env.example')].filter((name) => !read.has(name)), []);
});

test('the scan finds settings where they are read', () => {
  const read = settingsReadByCode();
  // One of each kind of read, so a pattern that stops matching fails here rather than silently.
  for (const name of ['LOOKBOOK_DB_URL', 'IMPORT_CHUNK_SIZE', 'NO_COLOR', 'FRONTEND_PORT', 'TEST_DB_URL', 'ADMIN_LOGIN_FAILURES_PER_MINUTE']) {
    assert.ok(read.has(name), `${name} was not found in the code`);
  }
});
