#!/usr/bin/env node
// Makes sure a MariaDB/MySQL server answers the configured URLs, and prints what it did.
// 1. When MYSQL_SHOP_URL and LOOKBOOK_DB_URL already answer, it uses them as they are.
// 2. Otherwise, on Debian as root, it installs mariadb-server if missing, starts it, and creates the
//    dedicated user and databases the URLs name. A second run takes about a second.
// 3. Elsewhere it stops with one line saying what to set.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { loadEnv, DEFAULT_URLS } from './env.mjs';
import { parseMysqlUrl, tryConnect } from './mysql-url.mjs';

const SOCKET = '/run/mysqld/mysqld.sock';

export async function ensureDatabase({ quiet = false } = {}) {
  loadEnv();
  const log = (line) => quiet || console.log(`[db] ${line}`);
  const urls = {
    MYSQL_SHOP_URL: process.env.MYSQL_SHOP_URL ?? DEFAULT_URLS.MYSQL_SHOP_URL,
    LOOKBOOK_DB_URL: process.env.LOOKBOOK_DB_URL ?? DEFAULT_URLS.LOOKBOOK_DB_URL,
  };
  const targets = Object.entries(urls).map(([name, url]) => ({ name, ...parseMysqlUrl(name, url) }));

  const failures = [];
  for (const target of targets) {
    const error = await tryConnect(target);
    if (error) failures.push({ target, error });
  }
  if (failures.length === 0) {
    log(`using ${targets.map((t) => `${t.name} (${t.host}:${t.port}/${t.database})`).join(', ')}`);
    return urls;
  }

  if (!canManageLocalServer(targets)) {
    const { target, error } = failures[0];
    throw new Error(
      `${target.name} does not answer (${error}); set MYSQL_SHOP_URL and LOOKBOOK_DB_URL to a reachable MySQL/MariaDB server (or run as root on Debian to have MariaDB installed and started)`,
    );
  }

  installServerIfMissing(log);
  await startServerIfStopped(log);
  provision(targets, log);

  for (const target of targets) {
    const error = await tryConnect(target);
    if (error) throw new Error(`${target.name} still does not answer after provisioning: ${error}`);
  }
  log(`ready: ${targets.map((t) => `${t.name} (${t.host}:${t.port}/${t.database})`).join(', ')}`);
  return urls;
}

function canManageLocalServer(targets) {
  const local = targets.every((t) => ['127.0.0.1', 'localhost'].includes(t.host));
  return local && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

function installServerIfMissing(log) {
  if (existsSync('/usr/sbin/mariadbd')) return;
  log('installing mariadb-server from Debian packages (about 10 s)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'mariadb-server'], { stdio: 'inherit', env });
}

async function startServerIfStopped(log) {
  if (existsSync(SOCKET) && rootQuery('SELECT 1', { check: true })) return;
  log('starting mariadbd');
  mkdirSync('/run/mysqld', { recursive: true });
  execFileSync('chown', ['mysql:mysql', '/run/mysqld']);
  const logFile = openSync('/tmp/lookbook-mariadb.log', 'a');
  // Settings for a disposable local server: durability per second is enough for demo and tests,
  // and a larger buffer pool keeps a 480,000-product catalog in memory.
  const child = spawn(
    '/usr/sbin/mariadbd',
    [
      '--user=mysql',
      '--bind-address=127.0.0.1',
      '--innodb-buffer-pool-size=2G',
      '--innodb-flush-log-at-trx-commit=2',
      '--max-connections=500',
      '--max-allowed-packet=256M',
    ],
    { detached: true, stdio: ['ignore', logFile, logFile] },
  );
  child.unref();
  for (let i = 0; i < 300; i++) {
    if (existsSync(SOCKET) && rootQuery('SELECT 1', { check: true })) return;
    await sleep(100);
  }
  throw new Error('mariadbd did not start within 30 s; see /tmp/lookbook-mariadb.log');
}

function provision(targets, log) {
  const statements = [];
  for (const t of targets) {
    const user = `'${escape(t.user)}'@'%', '${escape(t.user)}'@'localhost'`;
    statements.push(`CREATE USER IF NOT EXISTS '${escape(t.user)}'@'%' IDENTIFIED BY '${escape(t.password)}'`);
    statements.push(`CREATE USER IF NOT EXISTS '${escape(t.user)}'@'localhost' IDENTIFIED BY '${escape(t.password)}'`);
    statements.push(`ALTER USER '${escape(t.user)}'@'%' IDENTIFIED BY '${escape(t.password)}'`);
    statements.push(`ALTER USER '${escape(t.user)}'@'localhost' IDENTIFIED BY '${escape(t.password)}'`);
    statements.push(`CREATE DATABASE IF NOT EXISTS \`${t.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    // The dedicated user may create and drop databases: each test suite works in fresh ones.
    statements.push(`GRANT ALL PRIVILEGES ON *.* TO ${user}`);
  }
  rootQuery(statements.join(';\n'));
  log(`provisioned user(s) ${[...new Set(targets.map((t) => t.user))].join(', ')} and database(s) ${targets.map((t) => t.database).join(', ')}`);
}

function rootQuery(sql, { check = false } = {}) {
  try {
    execFileSync('mariadb', ['-uroot', `--socket=${SOCKET}`, '-e', sql], { stdio: check ? 'ignore' : ['ignore', 'inherit', 'inherit'] });
    return true;
  } catch (error) {
    if (check) return false;
    throw error;
  }
}

const escape = (value) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureDatabase().catch((error) => {
    console.error(`[db] ${error.message}`);
    process.exit(1);
  });
}
