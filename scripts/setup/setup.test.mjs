// The helpers `npm test` and `npm run demo` start with: when to run npm ci, when to rebuild, and how
// generated settings are kept in .env. Each test works in a throwaway folder laid out like the repo.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { loadEnv, writeEnvValues } from '../db/env.mjs';
import { buildIsCurrent, currentSourceHash, recordBuild } from './build-stamp.mjs';
import { installIsCurrent } from './ensure-installed.mjs';

let dir;
const write = (path, text) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const age = (path, seconds) => utimesSync(join(dir, path), new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lookbook-setup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('npm ci is due with no node_modules, or when the lockfile is newer than the last install', () => {
  write('package-lock.json', '{}');
  assert.equal(installIsCurrent(dir), false);

  write('node_modules/.package-lock.json', '{}');
  age('package-lock.json', 60);
  assert.equal(installIsCurrent(dir), true);

  age('node_modules/.package-lock.json', 120);
  assert.equal(installIsCurrent(dir), false);
});

test('a build is current until a source changes, but not when only a test or the build output changes', () => {
  write('package-lock.json', '{}');
  write('tsconfig.json', '{}');
  write('backend/src/main.ts', 'one');
  write('backend/src/main.spec.ts', 'spec');
  write('frontend/app/page.tsx', 'page');
  assert.equal(buildIsCurrent(dir), false, 'nothing built yet');

  write('backend/dist/src/main.js', 'built');
  write('frontend/.next/BUILD_ID', 'id');
  recordBuild(currentSourceHash(dir), dir);
  assert.equal(buildIsCurrent(dir), true);

  write('backend/src/main.spec.ts', 'another spec');
  write('backend/dist/src/main.js', 'rebuilt');
  write('frontend/.next/BUILD_ID', 'id 2');
  assert.equal(buildIsCurrent(dir), true, 'tests and outputs are not build inputs');

  write('frontend/app/page.tsx', 'page, edited');
  assert.equal(buildIsCurrent(dir), false, 'a changed source needs a build');
});

test('generated settings replace their line in .env or are appended, the file readable by its owner only', () => {
  const file = join(dir, '.env');
  writeFileSync(file, '# comment\nLOOKBOOK_DB_URL=mysql://old@127.0.0.1/lookbook\nPORT=3001');
  writeEnvValues({ LOOKBOOK_DB_URL: 'mysql://new:$pw@127.0.0.1/lookbook', TEST_DB_URL: 'mysql://t:pw@127.0.0.1/' }, file);

  assert.equal(
    readFileSync(file, 'utf8'),
    '# comment\nLOOKBOOK_DB_URL=mysql://new:$pw@127.0.0.1/lookbook\nPORT=3001\nTEST_DB_URL=mysql://t:pw@127.0.0.1/\n',
  );
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('.env never overrides a variable set in the environment', () => {
  const file = join(dir, '.env');
  writeFileSync(file, 'LOOKBOOK_SETUP_TEST_A=from-file\nLOOKBOOK_SETUP_TEST_B=from-file\n');
  process.env.LOOKBOOK_SETUP_TEST_A = 'from-environment';
  try {
    loadEnv(file);
    assert.equal(process.env.LOOKBOOK_SETUP_TEST_A, 'from-environment');
    assert.equal(process.env.LOOKBOOK_SETUP_TEST_B, 'from-file');
  } finally {
    delete process.env.LOOKBOOK_SETUP_TEST_A;
    delete process.env.LOOKBOOK_SETUP_TEST_B;
  }
});
