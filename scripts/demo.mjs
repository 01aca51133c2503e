#!/usr/bin/env node
// `npm run demo`: the whole product on a demo catalog. Installs what is missing, ensures MariaDB and
// its users, seeds a 48,000-product Magento catalog once, migrates, builds when the sources changed,
// starts backend and frontend, and prints the URLs once both answer. Ctrl-C (or SIGTERM) stops both.
// Node built-ins only until ensureInstalled has run: everything else is imported after it.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_FILE, loadEnv, writeEnvValues } from './db/env.mjs';
import { ensureInstalled } from './setup/ensure-installed.mjs';
import { timedStep } from './setup/timed-step.mjs';

const root = join(import.meta.dirname, '..');
const started = Date.now();
const log = (line) => console.log(`[demo] ${line}`);
/** Tables a demo catalog made by today's generator has; one made by an older one is seeded again. */
const DEMO_CATALOG_TABLES = [
  'catalog_product_entity', 'catalog_product_website', 'core_config_data', 'inventory_source',
  // the storefront: photos, links, colour swatches
  'catalog_product_entity_media_gallery', 'url_rewrite', 'eav_attribute_option_swatch',
];
process.env.NEXT_TELEMETRY_DISABLED = '1';

await ensureInstalled('demo');
ensureSecrets();
const { ensureDatabase } = await import('./db/ensure-db.mjs');
await ensureDatabase();
await ensureCatalog();
await timedStep('demo', { what: 'migrating the Lookbook database', note: 'a few seconds' }, 'npm', ['run', '--silent', 'db:migrate'], { cwd: root });
await buildIfChanged();

const { startServers } = await import('./demo/servers.mjs');
await startServers({ started, log });

/** A fresh clone gets its own secrets: a random API token and admin password, kept in .env. */
function ensureSecrets() {
  if (!existsSync(ENV_FILE)) copyFileSync(join(root, '.env.example'), ENV_FILE);
  loadEnv();
  const placeholder = (value) => !value || value.startsWith('change-me');
  const generated = {};
  if (!process.env.ADMIN_USER) generated.ADMIN_USER = 'admin';
  if (placeholder(process.env.ADMIN_API_TOKEN)) generated.ADMIN_API_TOKEN = randomBytes(24).toString('hex');
  if (placeholder(process.env.ADMIN_PASSWORD)) generated.ADMIN_PASSWORD = randomBytes(9).toString('base64url');
  if (Object.keys(generated).length === 0) return;
  writeEnvValues(generated);
  log(`wrote to .env: ${Object.keys(generated).map((name) => (name === 'ADMIN_USER' ? name : `${name} (generated)`)).join(', ')}`);
}

async function ensureCatalog() {
  const mysql = (await import('mysql2/promise')).default;
  const shop = await mysql.createConnection({ uri: process.env.MYSQL_SHOP_URL });
  const [rows] = await shop.query('SHOW TABLES');
  await shop.end();
  const tables = new Set(rows.map((row) => Object.values(row)[0]));
  // A catalog from an older generator lacks tables the importer reads today (websites, MSI, config).
  const missing = DEMO_CATALOG_TABLES.filter((table) => !tables.has(table));
  if (missing.length === 0) return log('the demo Magento catalog is already there');
  if (tables.has('catalog_product_entity')) log(`the demo Magento catalog predates ${missing.join(', ')}: seeding it again`);
  const what = 'seeding the 48,000-product demo Magento catalog';
  await timedStep('demo', { what, note: 'first run only; about 1 min on 2 cores' }, 'npm', ['run', '--silent', 'magento:seed', '--', '--products', '48000', '--seed', '42'], {
    cwd: root,
  });
}

async function buildIfChanged() {
  const { buildIsCurrent, currentSourceHash, recordBuild } = await import('./setup/build-stamp.mjs');
  if (buildIsCurrent()) return log('the build is up to date with the sources (no rebuild)');
  const sourceHash = currentSourceHash();
  const what = 'building backend and frontend';
  await timedStep('demo', { what, note: 'the sources changed since the last build; about 1–2 min on 2 cores' }, 'npm', ['run', '--silent', 'build'], { cwd: root });
  recordBuild(sourceHash);
}
