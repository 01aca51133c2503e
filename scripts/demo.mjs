#!/usr/bin/env node
// `npm run demo`: the whole product on a demo catalog. Installs what is missing, ensures MariaDB,
// seeds a 48,000-product Magento catalog once, migrates, builds, starts backend and frontend, and
// prints the URLs and the admin credentials. Ctrl-C stops everything it started.
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });

if (!existsSync(join(root, 'node_modules'))) run('npm ci --no-audit --no-fund');
const envFile = join(root, '.env');
if (!existsSync(envFile)) {
  // A fresh clone gets its own secrets: a random API token and admin password, kept in .env.
  const example = readFileSync(join(root, '.env.example'), 'utf8')
    .replace(/^ADMIN_API_TOKEN=.*$/m, `ADMIN_API_TOKEN=${randomBytes(24).toString('hex')}`)
    .replace(/^ADMIN_PASSWORD=.*$/m, `ADMIN_PASSWORD=${randomBytes(9).toString('base64url')}`);
  writeFileSync(envFile, example);
  console.log('[demo] wrote .env with a generated ADMIN_API_TOKEN and ADMIN_PASSWORD');
}
const { loadEnv } = await import('./db/env.mjs');
const { ensureDatabase } = await import('./db/ensure-db.mjs');
loadEnv(envFile);
await ensureDatabase();

const mysql = (await import('mysql2/promise')).default;
const shop = await mysql.createConnection({ uri: process.env.MYSQL_SHOP_URL });
const [tables] = await shop.query("SHOW TABLES LIKE 'catalog_product_entity'");
await shop.end();
if (tables.length === 0) run('npm run magento:seed -- --products 48000 --seed 42');
else console.log('[demo] the demo Magento catalog is already there');
run('npm run db:migrate');
run('npm run build');

const children = [
  spawn('node', ['backend/dist/src/main.js'], { cwd: root, stdio: 'inherit', env: process.env, detached: true }),
  spawn('npx', ['next', 'start', '-p', process.env.FRONTEND_PORT ?? '3000'], { cwd: join(root, 'frontend'), stdio: 'inherit', env: process.env, detached: true }),
];
const stop = () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole group: next-server outlives its npx wrapper
    } catch {}
  }
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const frontend = `http://127.0.0.1:${process.env.FRONTEND_PORT ?? '3000'}`;
console.log(`
[demo] Lookbook admin:  ${frontend}/admin/products   (user ${process.env.ADMIN_USER}, password ${process.env.ADMIN_PASSWORD})
[demo] API docs:        http://127.0.0.1:${process.env.PORT ?? '3001'}/api/docs
[demo] Ctrl-C stops both.`);
