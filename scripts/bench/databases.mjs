// The bench's own databases on the local server: created fresh for every run, seeded with the
// Magento catalog generator, migrated with the backend's migrations, and dropped at the end.
// Only names starting with "bench_" are ever created or dropped.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { ensureDatabase } from '../db/ensure-db.mjs';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

export async function connectServer() {
  // bench_* databases are made as the scratch user, who may create nothing else.
  const { TEST_DB_URL } = await ensureDatabase({ quiet: true });
  const base = new URL(TEST_DB_URL);
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
    charset: 'utf8mb4',
  });
  const urlFor = (database) => {
    const url = new URL(base.toString());
    url.pathname = `/${database}`;
    return url.toString();
  };
  return { admin, urlFor };
}

function benchName(name) {
  if (!/^bench_\w+$/.test(name)) throw new Error(`refusing to touch database "${name}": bench databases are named bench_*`);
  return `\`${name}\``;
}

export async function recreateDatabase(admin, name) {
  await admin.query(`DROP DATABASE IF EXISTS ${benchName(name)}`);
  await admin.query(`CREATE DATABASE ${benchName(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
}

export async function dropDatabase(admin, name) {
  await admin.query(`DROP DATABASE IF EXISTS ${benchName(name)}`);
}

/**
 * Seeds a catalog with the generator's own CLI (TypeScript, run by tsx), as a developer would, in
 * the shop shape given (edition, stock, tablePrefix, richAttributes, children: the CLI's defaults when absent).
 * Resolves to { seconds, onSale } with the count of products on sale the CLI's independent SQL reports.
 */
export function seedCatalog(url, { products, seed, log, shape = {} }) {
  const started = performance.now();
  const tsx = join(root, 'node_modules/.bin/tsx');
  const args = ['scripts/magento/seed.ts', '--products', String(products), '--seed', String(seed), '--url', url];
  if (shape.edition) args.push('--edition', shape.edition);
  if (shape.stock) args.push('--stock', shape.stock);
  if (shape.tablePrefix) args.push('--table-prefix', shape.tablePrefix);
  if (shape.richAttributes) args.push('--rich-attributes');
  if (shape.children) args.push('--children', String(shape.children));
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
      for (const line of String(data).split('\n').filter(Boolean)) log(`  ${line}`);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`seeding ${products} products failed (exit ${code})`));
      const onSale = Number(/on sale in store 1 \([^)]*\): ([\d,]+)/.exec(output)?.[1]?.replace(/,/g, ''));
      resolve({ seconds: (performance.now() - started) / 1000, onSale });
    });
  });
}

/** Creates the Lookbook tables through the backend's own migrations (from the built dist). */
export async function migrateLookbook(url) {
  const distRoot = process.env.BENCH_BACKEND_DIST || join(root, 'backend/dist');
  const { migrateLookbook: migrate } = require(join(distRoot, 'src/database/migrate.js'));
  const { parseMysqlUrl } = require(join(distRoot, 'src/config/app-config.js'));
  await migrate(parseMysqlUrl('LOOKBOOK_DB_URL', url));
}

/**
 * Waits (at most maxSeconds) until MariaDB has written the freshly seeded catalog to disk, i.e.
 * its count of dirty buffer pool pages has stopped falling. Right after a bulk load the server
 * flushes for tens of seconds, which would slow the first jobs for a reason no shop has: a shop's
 * catalog is not loaded a moment before each import.
 */
export async function waitForServerToSettle(admin, { log, maxSeconds = 60 }) {
  const dirtyPages = async () => {
    const [[{ Value }]] = await admin.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'");
    return Number(Value);
  };
  const started = Date.now();
  let previous = await dirtyPages();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await dirtyPages();
    if (now >= previous || Date.now() - started > maxSeconds * 1000) {
      log(`MariaDB settled after ${Math.round((Date.now() - started) / 1000)} s (${now} dirty pages)`);
      return;
    }
    previous = now;
  }
}
